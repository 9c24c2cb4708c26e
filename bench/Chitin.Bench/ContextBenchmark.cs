using System.Globalization;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Tools;
using Chitin.Tools.Shell;

namespace Chitin.Bench;

/// <summary>
/// Token economy over a 50-step task through the real stack (scripted server over HTTP, OpenAI wire format):
/// fixed prompt size, prompt tokens per call, prefix stability, cache-hit rate, and context growth per 200 KB
/// tool output. Compared with OpenClaw's measured figures from PRODUCT.md.
/// </summary>
public static class ContextBenchmark
{
    private const double OpenClawFixedTokensLow = 9_100;
    private const double OpenClawFixedTokensHigh = 15_200;
    private const double OpenClawGrowthPer200Kb = 8_000;

    public static async Task<int> RunAsync()
    {
        var root = Directory.CreateTempSubdirectory("chitin-bench-ctx-").FullName;
        try
        {
            var workspace = Directory.CreateDirectory(Path.Combine(root, "ws")).FullName;
            await File.WriteAllTextAsync(Path.Combine(workspace, "notes.md"), "# Notes\n\n- ship the context engine\n- measure the cache\n");
            await using var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "bench.db"), CancellationToken.None);
            // One server (one simulated provider cache) for all tasks, so reuse across sessions is visible.
            await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(
                r => r.Messages[0].Text.StartsWith("Produce", StringComparison.Ordinal) ? BigOutput(r) : FiftySteps(r)));
            var fifty = await RunTaskAsync(server, store, root, workspace, "Inspect this folder step by step and report.");
            var second = await RunTaskAsync(server, store, root, workspace, "A second, unrelated task in a new session.", maxSteps: 1);
            var big = await RunTaskAsync(server, store, root, workspace, "Produce a big listing and summarise it.");

            var requests = fifty;
            var fixedTokens = requests[0].PromptTokens - TiktokenCounter.Instance.CountTokens("Inspect this folder step by step and report.");
            var stability = Enumerable.Range(1, requests.Count - 1).Select(i => (double)requests[i].CachedTokens / requests[i - 1].PromptTokens).ToList();
            var hit = (double)requests.Sum(r => r.CachedTokens) / requests.Sum(r => r.PromptTokens);
            var crossSession = (double)second[0].CachedTokens / fixedTokens;
            var growth = big[1].PromptTokens - big[0].PromptTokens;

            Console.WriteLine(Invariant($"RESULT fixed prompt (system + {BuiltInTools.CreateDefault().Count} tool schemas): {fixedTokens} tokens (target ≤ 4,000; OpenClaw 9,100–15,200 → {OpenClawFixedTokensLow / fixedTokens:0.0}–{OpenClawFixedTokensHigh / fixedTokens:0.0}x smaller)"));
            Console.WriteLine(Invariant($"RESULT 50-step task: {requests.Count} calls, prompt tokens per call mean {requests.Average(r => r.PromptTokens):0}, max {requests.Max(r => r.PromptTokens)}"));
            Console.WriteLine(Invariant($"RESULT prefix stability (share of each request reused by the next): min {stability.Min():P2}, mean {stability.Average():P2} (target ≥ 99%; OpenClaw ≥ 99%)"));
            Console.WriteLine(Invariant($"RESULT task cache-hit rate: {hit:P1}; across sessions the new session's first call reused {crossSession:P1} of the fixed prefix"));
            Console.WriteLine(Invariant($"RESULT context growth per 200 KB tool output: {growth} tokens (target ≤ 600; OpenClaw ~8,000 → {OpenClawGrowthPer200Kb / growth:0.0}x smaller)"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static ScriptStep FiftySteps(ScriptRequest request) => request.ToolResultCount switch
    {
        >= 49 => ScriptStep.Text("Done: inspected the folder 49 times; notes.md lists two items."),
        var n when n % 3 == 0 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.md"}""")),
        var n when n % 3 == 1 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
        var n => ScriptStep.ToolCalls(new ScriptToolCall("run_shell", $$"""{"command":"echo step {{n}} && wc -l notes.md"}""")),
    };

    private static ScriptStep BigOutput(ScriptRequest request) => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"seq 100000 129256"}""")),
        _ => ScriptStep.Text("The listing has 29,257 numbers from 100000 to 129256."),
    };

    private static async Task<IReadOnlyList<RecordedRequest>> RunTaskAsync(ScriptedModelServer server, SqliteChitinStore store, string root, string workspace, string prompt, int maxSteps = 60)
    {
        var before = server.Requests.Count;
        using var chat = ChatClientFactory.Create(new ProviderSettings { BaseUrl = server.BaseUrl + "/v1", ApiKey = "bench", Model = "scripted-model" });
        var runner = new AgentRunner(chat, new ToolRegistry(BuiltInTools.CreateDefault(new BuiltInToolOptions { SandboxMode = SandboxMode.Off })), store, store, new DefaultToolApprover(true), new AgentRunnerOptions
        {
            ProviderName = "bench",
            ArtifactsRoot = Path.Combine(root, "artifacts"),
        });
        var result = await runner.RunToCompletionAsync(new AgentRunRequest { Prompt = prompt, Model = "scripted-model", Workspace = workspace, Limits = new AgentLimits { MaxSteps = maxSteps } });
        if (result.Status is not (RunStatus.Done or RunStatus.LimitReached))
        {
            throw new InvalidOperationException($"benchmark task failed: {result.Status} {result.Error}");
        }

        return server.Requests.Skip(before).Where(r => r.StatusCode == 200).ToList();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
