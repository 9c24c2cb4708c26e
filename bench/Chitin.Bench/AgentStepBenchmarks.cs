using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Chitin.Core.Agents;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Storage.Sqlite;
using Chitin.Testing.InProcess;

namespace Chitin.Bench;

/// <summary>
/// Harness overhead per agent step: the loop, event stream, tool dispatch and SQLite persistence with an
/// in-process model that answers instantly. Target ≤ 1 ms median per step.
/// </summary>
[MemoryDiagnoser]
public class AgentStepBenchmarks
{
    private const int StepsPerRun = 10;
    private string _root = "";
    private SqliteChitinStore _store = null!;
    private AgentRunner _runner = null!;
    private AgentRunRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("chitin-bench-").FullName;
        _store = SqliteChitinStore.OpenAsync(Path.Combine(_root, "bench.db"), CancellationToken.None).GetAwaiter().GetResult();
        var chat = new ScriptedChatClient((_, i) => (i % StepsPerRun) == StepsPerRun - 1
            ? ScriptedTurn.Say("All done: the echo tool answered every call.")
            : ScriptedTurn.Call("echo", """{"value":"step"}""", "call_" + i))
        { RecordRequests = false };
        _runner = new AgentRunner(chat, new ToolRegistry([new EchoTool()]), _store, _store, new DefaultToolApprover(true), new AgentRunnerOptions
        {
            ProviderName = "bench",
            ArtifactsRoot = Path.Combine(_root, "artifacts"),
        });
        _request = new AgentRunRequest { Prompt = "echo ten times", Model = "scripted-model", Workspace = _root };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = StepsPerRun, Description = "agent step (loop + tool + SQLite)")]
    public async Task<AgentRunResult> Step() => await _runner.RunToCompletionAsync(_request);

    private sealed class EchoTool : ITool
    {
        private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"value":{"type":"string"}}}""").RootElement.Clone();

        public string Name => "echo";

        public string Description => "Echo a value.";

        public JsonElement ParametersSchema => Schema;

        public ToolTraits Traits => ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe;

        public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ToolResult.Ok("echo"));
    }
}
