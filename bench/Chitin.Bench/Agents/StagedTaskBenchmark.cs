using System.Text.Json;
using Chitin.Agents.Orchestration;
using Chitin.Core.Tools;
using Chitin.Testing.Scripting;

namespace Chitin.Bench.Agents;

/// <summary>
/// A long staged task: per stage the orchestrator spawns 5 workers and waits; each worker makes 9 tool calls and
/// answers (10 steps). 10 stages are 500 worker steps plus the orchestrator's. Run with and without the stage-boundary
/// context rebuild; the figure is the orchestrator's largest request per stage, in prompt tokens.
/// </summary>
internal static class StagedTaskBenchmark
{
    private const int Workers = 5;
    private const int WorkerToolSteps = 9;

    public static async Task RunAsync(int stages)
    {
        var flat = await RunOnceAsync(stages, rebuild: true);
        var grown = await RunOnceAsync(stages, rebuild: false);
        Console.WriteLine(AgentsBenchmark.Inv($"RESULT agents staged task, {stages} stages x {Workers} workers x {WorkerToolSteps + 1} steps = {flat.WorkerSteps} worker steps: orchestrator's request per stage (prompt tokens) with stage rebuild: {string.Join(" ", flat.PerStage)}; largest {flat.PerStage.Max()}"));
        Console.WriteLine(AgentsBenchmark.Inv($"RESULT agents staged task without the rebuild: {string.Join(" ", grown.PerStage)}; largest {grown.PerStage.Max()} ({(double)grown.PerStage.Max() / flat.PerStage.Max():0.0}x)"));
    }

    private static async Task<(List<long> PerStage, int WorkerSteps)> RunOnceAsync(int stages, bool rebuild)
    {
        var orchestratorCalls = 0;
        var gate = new Lock();
        var (root, result, server) = await AgentsBenchmark.RunTreeAsync(
            r =>
            {
                if (AgentsBenchmark.Child(r) is { } id)
                {
                    var done = r.Messages.Count(m => m.Role == ScriptRole.Assistant);
                    return done < WorkerToolSteps
                        ? ScriptStep.ToolCalls(new ScriptToolCall("count_rows", $$"""{"row":{{done + 1}}}"""))
                        : ScriptStep.Text($"{id}: counted {WorkerToolSteps} rows, 153 trees; details in my result file");
                }

                int call;
                lock (gate)
                {
                    call = orchestratorCalls++;
                }

                var stage = call / 2;
                return stage >= stages ? ScriptStep.Text("all stages done")
                    : call % 2 == 0 ? ScriptStep.ToolCalls(Enumerable.Range(0, Workers).Select(w => new ScriptToolCall("agents_spawn", $$"""{"task":"stage {{stage + 1}}: count the trees of block {{w + 1}}"}""")).ToArray())
                    : ScriptStep.ToolCalls(new ScriptToolCall("agents_wait", "{}"));
            },
            AgentsSettings.Default with { MaxChildren = Workers, MaxRunning = Workers },
            [new CountRowsTool()],
            rebuild);
        await using (server)
        {
            var orchestrator = server.Requests.Where(q => q.Parsed is { } p && AgentsBenchmark.Child(p) is null).ToList();
            var perStage = orchestrator.Chunk(2).Select(pair => pair.Max(q => (long)q.PromptTokens)).ToList();
            var workerSteps = server.Requests.Count(q => q.Parsed is { } p && AgentsBenchmark.Child(p) is not null);
            if (result.Status != Chitin.Core.Agents.RunStatus.Done)
            {
                throw new InvalidOperationException($"the staged task ended {result.Status}: {result.Error}");
            }

            Directory.Delete(root, recursive: true);
            return (perStage, workerSteps);
        }
    }

    /// <summary>A worker's unit of work: a read-only call whose answer differs per row (so the loop guard sees progress).</summary>
    private sealed class CountRowsTool : ITool
    {
        private static readonly JsonElement Schema = JsonElement.Parse("""{"type":"object","properties":{"row":{"type":"integer"}},"required":["row"]}""");

        public string Name => "count_rows";

        public string Description => "Count the trees in one row.";

        public JsonElement ParametersSchema => Schema;

        public ToolTraits Traits => ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe;

        public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ToolResult.Ok($"row {invocation.Arguments.GetRawText()}: 17 trees"));
    }
}
