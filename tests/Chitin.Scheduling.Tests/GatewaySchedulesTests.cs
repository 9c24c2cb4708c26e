using System.Threading.Channels;
using Chitin.Core.Safety;
using Chitin.Hosting;
using Chitin.Hosting.Configuration;
using Chitin.Hosting.Gateway;
using Chitin.Scheduling.Cron;
using Chitin.Scheduling.Heartbeat;
using Chitin.Scheduling.Running;
using Chitin.Scheduling.Tests.Support;

namespace Chitin.Scheduling.Tests;

public sealed class GatewaySchedulesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_heartbeat_section_is_read_and_bad_values_name_the_key_and_the_form()
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Monday);
        var context = new HostContext { Environment = sandbox.Environment, WorkingDirectory = sandbox.Workspace, Time = sandbox.Clock };
        File.WriteAllText(Path.Combine(sandbox.Home, "config.json"),
            """{ "heartbeat": { "every": "15m", "activeHours": "22:00-06:00", "timeZone": "Europe/Berlin", "dailyCap": 3, "deliver": "telegram:7" } }""");
        var read = ConfigLoader.Load(context).Heartbeat;

        File.WriteAllText(Path.Combine(sandbox.Home, "config.json"),
            """{ "heartbeat": { "every": "2d", "activeHours": "8-22", "timeZone": "Mars/Olympus", "dailyCap": -1 } }""");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(context));

        Assert.Equal((TimeSpan.FromMinutes(15), "22:00-06:00", "Europe/Berlin", 3, "telegram:7"), (read.Every, read.ActiveHours?.ToString(), read.TimeZone, read.DailyCap, read.Deliver));
        var messages = error.Issues.Select(i => i.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("heartbeat.every must be a duration such as", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("heartbeat.activeHours must be a daily window", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("unknown time zone 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("heartbeat.dailyCap must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_host_runs_cron_and_heartbeat_and_a_cron_run_is_not_a_beat()
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Monday, "answer");
        File.WriteAllText(Path.Combine(sandbox.Home, "config.json"),
            """{ "memory": { "enabled": false }, "skills": { "enabled": false }, "checkpoints": { "enabled": false }, "heartbeat": { "every": "30m" } }""");
        var context = new HostContext { Environment = sandbox.Environment, WorkingDirectory = sandbox.Workspace, Time = sandbox.Clock };
        var config = ConfigLoader.Load(context);
        using var safety = AgentSafety.Create(context, config, new PermissionFlags(), NoRedaction.Instance, static _ => { });
        await using var host = await ChitinHost.StartAsync(config, HostOptions.From(context, safety, config.RequireModel()), CancellationToken.None);
        var beats = Channel.CreateUnbounded<HeartbeatEvent>();
        var runs = Channel.CreateUnbounded<CronRun>();
        var schedules = GatewaySchedules.Create(
            host,
            new HostConversationDispatcher(host, config.RequireModel(), sandbox.Workspace),
            messenger: null,
            sandbox.Workspace,
            sandbox.Clock,
            b => beats.Writer.TryWrite(b),
            r => runs.Writer.TryWrite(r));
        schedules.Jobs.Add(CronSchedule.ForEvery("30m"), "cron task", null, Monday);
        using var stop = new CancellationTokenSource();
        var running = schedules.RunAsync(stop.Token);
        using var patience = new CancellationTokenSource(SchedulingSandbox.Patience);

        sandbox.Clock.Advance(TimeSpan.FromMinutes(30));
        var run = await runs.Reader.ReadAsync(patience.Token);
        var beat = await beats.Reader.ReadAsync(patience.Token);
        File.WriteAllText(Path.Combine(sandbox.Workspace, HeartbeatFile.FileName), "- [ ] water the plants\n");
        sandbox.Clock.Advance(TimeSpan.FromMinutes(30));
        var secondRun = await runs.Reader.ReadAsync(patience.Token);
        var secondBeat = await beats.Reader.ReadAsync(patience.Token);
        await stop.CancelAsync();
        await running;

        Assert.Equal((CronRunStatus.Done, CronRunStatus.Done), (run.Status, secondRun.Status));
        Assert.Equal((HeartbeatEvent.Skipped, HeartbeatReason.NoWork), (beat.Type, beat.Reason));
        Assert.Equal((HeartbeatEvent.Ran, HeartbeatReason.OpenTasks), (secondBeat.Type, secondBeat.Reason));
        Assert.Equal(3, sandbox.ChatRequests);
    }
}
