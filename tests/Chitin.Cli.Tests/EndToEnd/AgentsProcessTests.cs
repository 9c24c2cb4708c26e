using System.Text.Json;
using System.Text.RegularExpressions;
using Chitin.Agents.Bus;
using Chitin.Cli.Tests.Support;
using Chitin.Core.Events;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.EndToEnd;

/// <summary>An agent tree in the real chitin process: killed with SIGKILL mid-run, then resumed from its ledger.</summary>
public sealed partial class AgentsProcessTests : IAsyncLifetime
{
    private const string StageEnded = "The stage that just ended (completion envelopes):";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly CliSandbox _sandbox = new();
    private readonly ManualResetEventSlim _slowArrived = new();
    private readonly ManualResetEventSlim _processKilled = new();
    private ScriptedModelServer _server = null!;
    private int _quickCalls;
    private int _slowCalls;
    private ScriptRequest? _final;

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(Respond));
        _sandbox.UseServer(_server);
        _sandbox.WriteUserConfig("""{ "agents": { "enabled": true } }""");
    }

    public async Task DisposeAsync()
    {
        _processKilled.Set();
        await _server.DisposeAsync();
        _sandbox.Dispose();
        _slowArrived.Dispose();
        _processKilled.Dispose();
    }

    [Fact]
    public async Task Kill_9_mid_run_then_resume_keeps_the_finished_child_and_reclaims_the_other()
    {
        string sessionId;
        using (var run = _sandbox.Start("run", "--yes", "--events", "ndjson", "build it"))
        {
            var started = await run.WaitForStdoutLineAsync(l => l.Contains("\"type\":\"run_started\"", StringComparison.Ordinal), Deadline);
            sessionId = JsonDocument.Parse(started).RootElement.GetProperty("session_id").GetString()!;
            await run.WaitForStdoutLineAsync(l => l.Contains("\"type\":\"agent_finished\"", StringComparison.Ordinal) && l.Contains("\"agent_id\":\"a1\"", StringComparison.Ordinal), Deadline);
            Assert.True(_slowArrived.Wait(Deadline), "the slow child never called the model");
            run.Kill();
            await run.WaitForExitAsync(Deadline);
        }

        _processKilled.Set();
        var folders = new RunFolders(_sandbox.Workspace, sessionId);
        var beforeResume = RunLedger.Read(folders.LedgerPath);
        Assert.Contains(beforeResume, e => e.Kind == LedgerKind.Complete && e.Agent == "a1");
        Assert.DoesNotContain(beforeResume, e => e.Kind is LedgerKind.Complete or LedgerKind.Fail && e.Agent == "a2");
        Assert.Equal("quick result 42", await File.ReadAllTextAsync(folders.ResultPath("a1")));

        var resumed = await _sandbox.RunProcessAsync("run", "--yes", "--json", "--session", sessionId, "continue");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(1, _quickCalls);
        Assert.Equal(2, _slowCalls);
        var envelopes = StageEnvelopes(_final!);
        Assert.Equal(["a1", "a2"], envelopes.Select(e => e.Agent).Order());
        Assert.All(envelopes, e => Assert.Equal(AgentStatus.Done, e.Status));
        Assert.Equal("quick result 42", envelopes.Single(e => e.Agent == "a1").Result);
        Assert.Equal("slow result 7", envelopes.Single(e => e.Agent == "a2").Result);

        var shown = await _sandbox.RunProcessAsync("runs", "show", sessionId, "--json");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        var tree = JsonSerializer.Deserialize(shown.Stdout, AgentsJsonContext.Default.RunTree)!;
        Assert.Equal([AgentStatus.Done, AgentStatus.Done], tree.Agents.Select(a => a.Status));
        Assert.All(tree.Agents, a => Assert.True(File.Exists(Path.Combine(_sandbox.Workspace, a.ResultPath!)), a.ResultPath));
    }

    private ScriptStep Respond(ScriptRequest request)
    {
        var child = request.Messages.Count > 0 ? Brief().Match(request.Messages[0].Text) : Match.Empty;
        var step = request.Messages.Count(m => m.Role == ScriptRole.Assistant);
        if (!child.Success && request.Messages.Any(m => m.Text.Contains(StageEnded, StringComparison.Ordinal)))
        {
            // The wait that found both children done ended the stage: the orchestrator's context was rebuilt from the bus.
            return Final(request);
        }

        if (!child.Success)
        {
            return step switch
            {
                0 => ScriptStep.ToolCalls(
                    new ScriptToolCall("agents_spawn", """{"task":"the quick part"}"""),
                    new ScriptToolCall("agents_spawn", """{"task":"the slow part"}""")),
                1 or 2 => ScriptStep.ToolCalls(new ScriptToolCall("agents_wait", "{}")),
                _ => Final(request),
            };
        }

        if (child.Groups[1].Value == "a1")
        {
            Interlocked.Increment(ref _quickCalls);
            return ScriptStep.Text("quick result 42");
        }

        if (Interlocked.Increment(ref _slowCalls) == 1)
        {
            // The first process is killed while this call is open; its answer never arrives.
            _slowArrived.Set();
            _processKilled.Wait(Deadline);
            return ScriptStep.Error(503, "the process that asked is gone");
        }

        return ScriptStep.Text("slow result 7");
    }

    private ScriptStep Final(ScriptRequest request)
    {
        _final = request;
        return ScriptStep.Text("both parts are in");
    }

    /// <summary>The envelopes of the stage that ended, as the rebuilt context carries them.</summary>
    private static List<CompletionEnvelope> StageEnvelopes(ScriptRequest request)
    {
        var text = request.Messages.Select(m => m.Text).Single(t => t.Contains(StageEnded, StringComparison.Ordinal));
        var json = text[(text.IndexOf(StageEnded, StringComparison.Ordinal) + StageEnded.Length)..];
        json = json[..(json.LastIndexOf(']') + 1)].Trim();
        return JsonSerializer.Deserialize(json, AgentsJsonContext.Default.ListCompletionEnvelope)!;
    }

    [GeneratedRegex(@"^# Brief for agent (a\d+)")]
    private static partial Regex Brief();
}
