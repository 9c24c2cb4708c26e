using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Commands;

/// <summary>A model stuck on one failing call, served over HTTP by the scripted server, against the real CLI.</summary>
public sealed class LoopGuardCommandTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    public async Task InitializeAsync()
    {
        // Always reads the same missing file, whatever it is told.
        _server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"missing.txt"}"""))));
        _sandbox.UseServer(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Json_run_that_repeats_a_failing_call_ends_loop_detected_with_exit_1_after_three_calls()
    {
        var result = await _sandbox.RunAsync("run", "--json", "summarise missing.txt");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("loop_detected", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("steps").GetInt32());
        Assert.Contains("read_file", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal([0, 0, 1], _server.Requests.Select(r => r.Parsed!.Messages.Count(m => m.Text.Contains("[loop guard]", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_human_run_prints_loop_detected_in_its_summary()
    {
        var result = await _sandbox.RunAsync("run", "summarise missing.txt");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("loop detected · 3 steps", result.AllOutput, StringComparison.Ordinal);
        Assert.Contains("Loop detected: the call to 'read_file' failed 3 times", result.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_events_show_the_nudge_and_the_loop_detected_status()
    {
        var result = await _sandbox.RunAsync("run", "--events", "ndjson", "summarise missing.txt");

        Assert.True(result.ExitCode == 1, result.ToString());
        var events = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Single(events, e => e.GetProperty("type").GetString() == "error" && e.GetProperty("kind").GetString() == "loop_guard");
        var done = events.Single(e => e.GetProperty("type").GetString() == "done");
        Assert.Equal("loop_detected", done.GetProperty("result").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Configured_thresholds_let_the_loop_go_longer()
    {
        _sandbox.WriteUserConfig("""{ "agent": { "loopGuard": { "repeatedFailureNudge": 4, "repeatedFailureStop": 5 } } }""");

        var result = await _sandbox.RunAsync("run", "--json", "summarise missing.txt");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("loop_detected", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(5, _server.Requests.Count);
    }

    [Fact]
    public async Task A_nudge_not_below_the_stop_is_a_config_error_naming_the_keys()
    {
        _sandbox.WriteUserConfig("""{ "agent": { "loopGuard": { "repeatedFailureNudge": 3, "repeatedFailureStop": 3 } } }""");

        var result = await _sandbox.RunAsync("run", "--json", "summarise missing.txt");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("repeatedFailureNudge (3) must be below repeatedFailureStop (3)", result.AllOutput, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
