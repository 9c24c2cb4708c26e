using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Core.Sessions;
using Chitin.Testing.Faults;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.EndToEnd;

/// <summary>The built chitin as a child process: real arguments, environment, signals, exit codes and kills.</summary>
public sealed class ChitinProcessTests : IAsyncLifetime
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead());
        _sandbox.UseServer(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Run_json_in_a_real_process_completes_and_exits_0()
    {
        var result = await _sandbox.RunProcessAsync("run", "--yes", "--json", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("done", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(Scripts.FinalAnswer, json.RootElement.GetProperty("final_text").GetString());
    }

    [Fact]
    public async Task Version_in_a_real_process_prints_the_cli_assembly_version_and_exits_0()
    {
        var fast = await _sandbox.RunProcessAsync("--version");

        Assert.True(fast.ExitCode == 0, fast.ToString());
        Assert.Equal(CliVersion.Text, fast.Stdout.Trim());
    }

    [Fact]
    public async Task Killed_mid_run_the_database_keeps_every_completed_step_and_the_session_resumes()
    {
        SlowThirdModelCall();
        string sessionId;
        using (var run = _sandbox.Start("run", "--yes", "--json", "write the note"))
        {
            sessionId = await WaitForCompletedToolStepsAsync(run);
            run.Kill();
            await run.WaitForExitAsync(Deadline);
        }

        await using (var store = await _sandbox.OpenStoreAsync())
        {
            var messages = await store.LoadMessagesAsync(sessionId, CancellationToken.None);
            Assert.Equal(
                [MessageRole.User, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant, MessageRole.Tool],
                messages.Select(m => m.Role));
            Assert.Equal("write the note", messages[0].Text);
            Assert.Equal("write_file", Assert.Single(messages[1].ToolCalls!).Name);
            Assert.Equal(messages[1].ToolCalls![0].Id, messages[2].ToolCallId);
            Assert.Equal("read_file", Assert.Single(messages[3].ToolCalls!).Name);
            Assert.Contains(Scripts.NoteContent, messages[4].Text, StringComparison.Ordinal);
            Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), messages.Select(m => m.Sequence));
        }

        var resumed = await _sandbox.RunProcessAsync("run", "--yes", "--json", "--session", sessionId, "continue");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        using var json = JsonDocument.Parse(resumed.Stdout);
        Assert.Equal(sessionId, json.RootElement.GetProperty("session_id").GetString());
        Assert.Equal("done", json.RootElement.GetProperty("status").GetString());
        await using var after = await _sandbox.OpenStoreAsync();
        var all = await after.LoadMessagesAsync(sessionId, CancellationToken.None);
        Assert.Equal(["write the note", "continue"], all.Where(m => m.Role == MessageRole.User).Select(m => m.Text));
        Assert.Equal(Scripts.FinalAnswer, all[^1].Text);
    }

    [Fact]
    public async Task Sigterm_cancels_saves_the_session_prints_how_to_resume_and_exits_130()
    {
        SlowThirdModelCall();
        using var run = _sandbox.Start("run", "--yes", "--json", "write the note");
        var sessionId = await WaitForCompletedToolStepsAsync(run);

        run.Signal(SigTerm);
        var exit = await run.WaitForExitAsync(Deadline);

        Assert.True(exit == 130, $"exit {exit}\n{run.Stdout}\n{run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("cancelled", json.RootElement.GetProperty("status").GetString());
        Assert.Contains($"chitin run --session {sessionId}", run.Stderr, StringComparison.Ordinal);
        var resumed = await _sandbox.RunProcessAsync("run", "--yes", "--json", "--session", sessionId, "continue");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
    }

    [Fact]
    public async Task Dev_model_server_prints_its_urls_serves_runs_and_stops_on_ctrl_c()
    {
        using var server = ChitinProcess.Start(["model-server", "--port", "0"], _sandbox.Environment, _sandbox.Workspace, ChitinProcess.DevServerDll);
        var line = await server.WaitForStdoutLineAsync(l => l.StartsWith("export OPENAI_BASE_URL=", StringComparison.Ordinal), Deadline);
        Assert.Contains("Anthropic:", server.Stdout, StringComparison.Ordinal);
        _sandbox.Environment["OPENAI_BASE_URL"] = line["export OPENAI_BASE_URL=".Length..].Trim();
        _sandbox.Environment["CHITIN_MODEL"] = "scripted-model";

        var run = await _sandbox.RunAsync("run", "--yes", "--json", "do the demo task");
        server.Signal(SigInt);
        var exit = await server.WaitForExitAsync(Deadline);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(4, json.RootElement.GetProperty("tool_calls").GetInt32());
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Demo_works_from_a_fresh_home_without_any_key()
    {
        _sandbox.Environment.Remove("OPENAI_BASE_URL");
        _sandbox.Environment.Remove("CHITIN_MODEL");

        var demo = await _sandbox.RunProcessAsync("demo");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("cache-hit rate", demo.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The first two model calls answer at once, the third hangs (as a slow provider would).</summary>
    private void SlowThirdModelCall()
    {
        _server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.Zero));
        _server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.Zero));
        _server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.FromMinutes(10)));
    }

    /// <summary>Polls the child's database until both tool steps are saved; returns the session id.</summary>
    private async Task<string> WaitForCompletedToolStepsAsync(ChitinProcess run)
    {
        string? sessionId = null;
        await Polling.UntilAsync(
            async () =>
            {
                if (!File.Exists(_sandbox.DatabaseFile))
                {
                    return false;
                }

                await using var store = await _sandbox.OpenStoreAsync();
                var session = (await store.ListSessionsAsync(1, CancellationToken.None)).FirstOrDefault();
                if (session is null)
                {
                    return false;
                }

                var messages = await store.LoadMessagesAsync(session.Id, CancellationToken.None);
                sessionId = session.Id;
                return messages.Count(m => m.Role == MessageRole.Tool) == 2;
            },
            Deadline,
            $"two saved tool results; chitin stderr so far:\n{run.Stderr}");
        return sessionId!;
    }
}
