using System.Text.Json;
using System.Threading.Channels;
using Chitin.Hosting.Gateway;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Scheduling.Heartbeat;
using Chitin.Scheduling.Storage;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Chitin.Scheduling.Tests;

public sealed class HeartbeatTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Midnight = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private const string IdleFile = """
        # Heartbeat

        Look at the inbox and the build when there is something to do.

        ## Done
        - [x] renew the TLS certificate
        <!-- - [ ] a commented-out task is not work -->
        """;

    private readonly Channel<HeartbeatEvent> _beats = Channel.CreateUnbounded<HeartbeatEvent>();
    private readonly FakeTimeProvider _clock = new(Midnight);
    private readonly HeartbeatInbox _inbox;
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-heartbeat-test-").FullName;
    private ScriptedModelServer _server = null!;
    private IChatClient _client = null!;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public HeartbeatTests() => _inbox = new HeartbeatInbox(_clock);

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("Renew the domain today.")));
        _client = ChatClientFactory.Create(new ProviderSettings { BaseUrl = _server.BaseUrl + "/v1", Model = _server.Models[0], MaxRetries = 0 });
    }

    public async Task DisposeAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
            await _loop!;
            _stop.Dispose();
        }

        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Twenty_four_idle_hours_make_no_model_request()
    {
        File.WriteAllText(Path.Combine(_root, HeartbeatFile.FileName), IdleFile);
        Start(HeartbeatSettings.Default with { ActiveHours = new ActiveHours(new TimeOnly(8, 0), new TimeOnly(22, 0)), TimeZone = "Europe/Berlin" });

        var beats = new List<HeartbeatEvent>();
        for (var i = 1; i <= 48; i++)
        {
            beats.Add(await AdvanceAsync(TimeSpan.FromMinutes(30)));
        }

        Assert.Empty(_server.Requests);
        Assert.All(beats, b => Assert.Equal(HeartbeatEvent.Skipped, b.Type));
        Assert.Equal(Midnight.AddHours(24), beats[^1].At);

        // 08:00-22:00 in Berlin (CEST, UTC+2) is 06:00-20:00 UTC: 28 beats inside (06:00 … 19:30), 20 outside.
        Assert.Equal(28, beats.Count(b => b.Reason == HeartbeatReason.NoWork));
        Assert.Equal(20, beats.Count(b => b.Reason == HeartbeatReason.OutsideActiveHours));
    }

    [Fact]
    public async Task One_open_task_makes_exactly_one_small_request_without_a_transcript()
    {
        File.WriteAllText(Path.Combine(_root, HeartbeatFile.FileName), IdleFile + "\n## Today\n- [ ] renew the domain before it expires\n");
        Start(HeartbeatSettings.Default with { DailyCap = 1 });

        var ran = await AdvanceAsync(TimeSpan.FromMinutes(30));
        var capped = await AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Equal((HeartbeatEvent.Ran, HeartbeatReason.OpenTasks, 1), (ran.Type, ran.Reason, ran.OpenTasks));
        Assert.Equal("Renew the domain today.", ran.Reply);
        Assert.True(ran.Tokens > 0);
        Assert.Equal(HeartbeatEvent.Skipped, capped.Type);
        Assert.Equal(HeartbeatReason.DailyCapReached, capped.Reason);
        Assert.Equal($"daily_cap_reached: 1 of 1 calls, {ran.Tokens} of {HeartbeatSettings.Default.DailyTokens} tokens today", capped.ReasonText);

        var request = Assert.Single(_server.Requests);
        using var body = JsonDocument.Parse(request.Body);
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal(["system", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("- [ ] renew the domain before it expires", messages[1].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(body.RootElement.TryGetProperty("tools", out _));
        Assert.InRange(request.Body.Length, 1, 2_000);
        Assert.InRange(request.PromptTokens, 1, 400);
    }

    [Fact]
    public async Task New_events_are_work_once_and_reach_the_model_with_the_file()
    {
        File.WriteAllText(Path.Combine(_root, HeartbeatFile.FileName), IdleFile);
        Start(HeartbeatSettings.Default);
        _inbox.Post("webhook:github", "CI failed on main: 3 tests");

        var ran = await AdvanceAsync(TimeSpan.FromMinutes(30));
        var idle = await AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Equal((HeartbeatEvent.Ran, HeartbeatReason.NewEvents, 1), (ran.Type, ran.Reason, ran.NewEvents));
        Assert.Equal((HeartbeatEvent.Skipped, HeartbeatReason.NoWork), (idle.Type, idle.Reason));
        var request = Assert.Single(_server.Requests);
        Assert.Contains("CI failed on main: 3 tests", request.Body, StringComparison.Ordinal);
        Assert.Contains("Look at the inbox", request.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(402)]
    public async Task An_auth_or_billing_error_opens_the_breaker(int status)
    {
        File.WriteAllText(Path.Combine(_root, HeartbeatFile.FileName), "- [ ] renew the domain\n");
        _server.Faults.Enqueue(Fault.ServerError(status));
        var service = Start(HeartbeatSettings.Default);

        var failed = await AdvanceAsync(TimeSpan.FromMinutes(30));
        var open = await AdvanceAsync(TimeSpan.FromMinutes(30));
        var stillOpen = await AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Equal((HeartbeatEvent.Ran, HeartbeatReason.ModelCallFailed), (failed.Type, failed.Reason));
        Assert.NotNull(failed.Error);
        Assert.StartsWith(status.ToString(System.Globalization.CultureInfo.InvariantCulture), service.BreakerReason, StringComparison.Ordinal);
        Assert.All(new[] { open, stillOpen }, b =>
        {
            Assert.Equal(HeartbeatEvent.Skipped, b.Type);
            Assert.Equal(HeartbeatReason.CircuitOpen, b.Reason);
            Assert.Equal($"circuit_open: {service.BreakerReason}", b.ReasonText);
        });
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("- [ ] one\n* [ ] two\n1. [ ] three\n", 3)]
    [InlineData("- [x] done\n- [X] done too\n", 0)]
    [InlineData("# Tasks\n\nJust prose.\n", 0)]
    [InlineData("<!--\n- [ ] hidden\n-->\n- [ ] shown\n", 1)]
    [InlineData("- [ ]\n", 0)]
    public void Open_tasks_are_unchecked_items_outside_comments(string markdown, int expected) =>
        Assert.Equal(expected, HeartbeatFile.CountOpenTasks(markdown));

    private HeartbeatService Start(HeartbeatSettings settings)
    {
        var usage = HeartbeatUsageStore.Open(Path.Combine(_root, "chitin.db"));
        var service = new HeartbeatService(settings, _root, _client, _server.Models[0], _inbox, usage, _clock, onBeat: b => _beats.Writer.TryWrite(b));
        _stop = new CancellationTokenSource();
        // Called directly: the first beat is anchored to the clock as it is now, before the test moves it.
        _loop = service.RunAsync(_stop.Token);
        return service;
    }

    private async Task<HeartbeatEvent> AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _beats.Reader.ReadAsync(patience.Token);
    }
}
