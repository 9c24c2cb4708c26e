using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Core.Sessions;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Commands;

public sealed class RunCommandTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead(), new ScriptedModelServerOptions { RejectUnknownModels = true });
        _sandbox.UseServer(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Model_flag_beats_environment_which_beats_project_and_user_files()
    {
        // The server rejects every model but scripted-model, so only the right layer can make the run succeed.
        _sandbox.WriteUserConfig("""{ "model": "user-model" }""");
        _sandbox.WriteProjectConfig("""{ "model": "project-model" }""");
        _sandbox.Environment["CHITIN_MODEL"] = "env-model";

        var flag = await _sandbox.RunAsync("run", "--json", "--model", "scripted-model", "hi");
        var environment = await _sandbox.RunAsync("run", "--json", "hi");

        Assert.True(flag.ExitCode == 0, flag.ToString());
        Assert.Equal(3, environment.ExitCode);
        Assert.Contains("env-model", environment.Stdout, StringComparison.Ordinal);
        Assert.Equal(["scripted-model", "env-model"], _server.Requests.Select(r => r.Parsed?.Model).Distinct());
    }

    [Fact]
    public async Task Json_run_completes_a_multi_step_tool_task_with_the_contract_fields()
    {
        var result = await _sandbox.RunAsync("run", "--yes", "--json", "write the note and check it");

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("done", root.GetProperty("status").GetString());
        Assert.Equal(Scripts.FinalAnswer, root.GetProperty("final_text").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("session_id").GetString()));
        Assert.Equal(3, root.GetProperty("steps").GetInt32());
        Assert.Equal(2, root.GetProperty("tool_calls").GetInt32());
        var usage = root.GetProperty("usage");
        Assert.True(usage.GetProperty("input_tokens").GetInt64() > 0);
        Assert.True(usage.GetProperty("cached_input_tokens").GetInt64() > 0, "later calls reuse the prompt prefix");
        Assert.True(usage.GetProperty("output_tokens").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, usage.GetProperty("cache_write_tokens").ValueKind);
        Assert.Equal(JsonValueKind.Number, usage.GetProperty("reasoning_tokens").ValueKind);
        Assert.InRange(usage.GetProperty("cache_hit_rate").GetDouble(), 0.01, 1);
        Assert.True(root.GetProperty("cost_usd").GetDecimal() > 0, "scripted* models have a list price");
        Assert.True(root.GetProperty("duration_ms").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.Equal(Scripts.NoteContent, await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, Scripts.NoteFile)));
    }

    [Fact]
    public async Task Ndjson_events_stream_one_parsable_object_per_line_ending_with_done()
    {
        var result = await _sandbox.RunAsync("run", "--yes", "--events", "ndjson", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        var types = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.GetProperty("type").GetString();
            })
            .ToList();
        Assert.Equal("run_started", types[0]);
        Assert.Equal("done", types[^1]);
        Assert.Equal(2, types.Count(t => t == "tool_requested"));
        Assert.Equal(2, types.Count(t => t == "tool_finished"));
        Assert.Equal(3, types.Count(t => t == "usage"));
        Assert.Contains("text_delta", types);
        using var done = JsonDocument.Parse(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal("Done", done.RootElement.GetProperty("result").GetProperty("status").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task Human_output_streams_text_to_stdout_and_progress_to_stderr()
    {
        var result = await _sandbox.RunAsync("run", "--yes", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Scripts.FinalAnswer, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("write_file", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("→ write_file", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("✓ read_file", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("cached", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("done · 3 steps · 2 tool calls", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.AllOutput, StringComparison.Ordinal); // not a terminal: no colour codes
    }

    [Fact]
    public async Task Max_steps_below_what_the_task_needs_exits_1_with_limit_reached()
    {
        var result = await _sandbox.RunAsync("run", "--yes", "--json", "--max-steps", "1", "write the note");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("limit_reached", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_yes_writes_are_refused_and_the_model_is_told_why()
    {
        var result = await _sandbox.RunAsync("run", "--json", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(Path.Combine(_sandbox.Workspace, Scripts.NoteFile)));
        var refusal = _server.Requests
            .Select(r => r.Parsed)
            .OfType<Chitin.Testing.Scripting.ScriptRequest>()
            .SelectMany(r => r.AllToolResults)
            .First();
        Assert.Contains("--yes", refusal.Content, StringComparison.Ordinal);
        Assert.Contains("needs approval", refusal.Content, StringComparison.Ordinal);
        Assert.Contains("need --yes", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_flag_appends_to_the_same_session()
    {
        var first = await _sandbox.RunAsync("run", "--yes", "--json", "write the note");
        var sessionId = SessionIdOf(first);

        var second = await _sandbox.RunAsync("run", "--yes", "--json", "--session", sessionId, "do it once more");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(sessionId, SessionIdOf(second));
        await using var store = await _sandbox.OpenStoreAsync();
        var messages = await store.LoadMessagesAsync(sessionId, CancellationToken.None);
        var userTexts = messages.Where(m => m.Role == MessageRole.User).Select(m => m.Text).ToList();
        Assert.Equal(["write the note", "do it once more"], userTexts);
        Assert.Equal(2, messages.Count(m => m.Role == MessageRole.Assistant && m.Text == Scripts.FinalAnswer));
        Assert.Single(await store.ListSessionsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_session_is_a_usage_error()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--session", "no-such-session", "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no session 'no-such-session'", result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("usage_error", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_model_is_a_provider_error_with_exit_3()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--model", "no-such-model", "hi");

        Assert.True(result.ExitCode == 3, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("provider_error", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("no-such-model", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_provider_is_a_provider_error_with_exit_3()
    {
        _sandbox.WriteUserConfig("""{ "provider": { "maxRetries": 0 } }""");
        _sandbox.Environment["OPENAI_BASE_URL"] = $"http://127.0.0.1:{ClosedPort()}/v1";

        var result = await _sandbox.RunAsync("run", "hi");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("127.0.0.1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_config_file_exits_2_naming_file_line_and_key()
    {
        _sandbox.WriteProjectConfig(
            """
            {
              "model": "m",
              "limits": {
                "maxSteps": "ten"
              }
            }
            """);

        var result = await _sandbox.RunAsync("run", "--json", "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"config error in {_sandbox.ProjectConfigFile} line 4: limits.maxSteps must be a positive integer, got \"ten\"", result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("config_error", json.RootElement.GetProperty("status").GetString());
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Missing_model_is_a_config_error_that_says_how_to_set_one()
    {
        _sandbox.Environment.Remove("CHITIN_MODEL");

        var result = await _sandbox.RunAsync("run", "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--model", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CHITIN_MODEL", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-steps", "0")]
    [InlineData("--events", "xml")]
    [InlineData("--bogus", "1")]
    public async Task Bad_flags_exit_2_with_a_hint(string flag, string value)
    {
        var result = await _sandbox.RunAsync("run", flag, value, "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Json_and_ndjson_together_are_refused()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--events", "ndjson", "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("choose one", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_cancels_the_run_saves_the_session_and_exits_130()
    {
        await using var slow = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead());
        _sandbox.UseServer(slow);
        slow.Faults.Enqueue(Chitin.Testing.Faults.Fault.SlowFirstToken(TimeSpan.Zero));
        slow.Faults.Enqueue(Chitin.Testing.Faults.Fault.SlowFirstToken(TimeSpan.FromMinutes(5)));
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var interrupts = new Hosting.InterruptSource();
        var run = ChitinCli.RunAsync(["run", "--yes", "--json", "write the note"], _sandbox.Context(output, error, interrupts: interrupts));
        await Polling.UntilAsync(() => ToolMessageSavedAsync(_sandbox, "write_file"), TimeSpan.FromSeconds(60), "the first tool step in the database");
        Assert.True(interrupts.Interrupt(terminate: false));
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 130, $"{exit}\n{output}\n{error}");
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal("cancelled", json.RootElement.GetProperty("status").GetString());
        var sessionId = json.RootElement.GetProperty("session_id").GetString()!;
        Assert.Contains($"chitin run --session {sessionId}", error.ToString(), StringComparison.Ordinal);
        await using var store = await _sandbox.OpenStoreAsync();
        var messages = await store.LoadMessagesAsync(sessionId, CancellationToken.None);
        Assert.Contains(messages, m => m.Role == MessageRole.Tool && m.ToolName == "write_file");
    }

    private static async Task<bool> ToolMessageSavedAsync(CliSandbox sandbox, string toolName)
    {
        if (!File.Exists(sandbox.DatabaseFile))
        {
            return false;
        }

        await using var store = await sandbox.OpenStoreAsync();
        foreach (var session in await store.ListSessionsAsync(10, CancellationToken.None))
        {
            var messages = await store.LoadMessagesAsync(session.Id, CancellationToken.None);
            if (messages.Any(m => m.Role == MessageRole.Tool && m.ToolName == toolName))
            {
                return true;
            }
        }

        return false;
    }

    private static string SessionIdOf(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("session_id").GetString()!;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
