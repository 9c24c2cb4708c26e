using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chitin.Core.Context;
using Chitin.Core.Tools;
using Chitin.Core.Tools.Deferral;
using Chitin.Memory.Embeddings;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Bench.Tools;

/// <summary>
/// Tools on demand (issue 14). Real <c>chitin run</c> processes (the Release JIT build) against the scripted server
/// over loopback, on the 3-step task of the cold-start benchmark: the fixed prompt with the default built-ins, with a
/// real 200-tool stdio MCP server attached (deferred, and always loaded as the baseline), and the prompt tokens of the
/// whole task against OpenClaw. In process: tool_search latency over 1,000 deferred tools and the 20-needs evaluation.
/// </summary>
public static class ToolDeferralBenchmark
{
    private const double OpenClawTaskTokens = 36_845;
    private const string Task = "Write a short report.md about this folder and read it back.";

    public static async Task<int> RunAsync(bool quick)
    {
        var root = RepositoryFolder.Root();
        var fixture = Path.Combine(root, "tests", "fixtures", "mcp-200");
        var dll = Path.Combine(root, "src", "Chitin.Cli", "bin", "Release", "net10.0", "chitin.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine("Build the CLI first: dotnet build src/Chitin.Cli -c Release");
            return 1;
        }

        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(ThreeToolSteps));
        var scratch = Directory.CreateTempSubdirectory("chitin-bench-tools-").FullName;
        try
        {
            var node = JsonSerializer.Serialize(Node());
            var script = JsonSerializer.Serialize(Path.Combine(fixture, "server.mjs"));
            var plain = await MeasureTaskAsync(server, dll, scratch, "plain", null);
            var deferred = await MeasureTaskAsync(server, dll, scratch, "deferred", $$"""{ "mcpServers": { "devhub": { "command": {{node}}, "args": [{{script}}] } } }""");
            var loaded = await MeasureTaskAsync(server, dll, scratch, "loaded", $$"""{ "mcpServers": { "devhub": { "command": {{node}}, "args": [{{script}}], "deferTools": "never" } } }""");
            if (plain is null || deferred is null || loaded is null)
            {
                return 1;
            }

            Print($"RESULT fixed prompt with the default built-ins (system prompt + layers + tool schemas, chitin context): {plain.Value.FixedTokens} tokens (target ≤ 1,600; 2,079 before); on the wire {plain.Value.WireFixed} tokens (2,708 before)");
            Print($"RESULT fixed prompt with a 200-tool MCP server attached (deferred, auto): {deferred.Value.FixedTokens} tokens (target ≤ 2,000); on the wire {deferred.Value.WireFixed}; always loaded: {loaded.Value.FixedTokens} ({(double)loaded.Value.FixedTokens / deferred.Value.FixedTokens:0.0}x more)");
            Print($"RESULT first request with the 200-tool server vs none: {(double)deferred.Value.FirstRequest / plain.Value.FirstRequest:0.000}x (target ≤ 1.25x); always loaded {(double)loaded.Value.FirstRequest / plain.Value.FirstRequest:0.0}x");
            Print($"RESULT 3-step task prompt tokens: {plain.Value.TaskTokens} (OpenClaw {OpenClawTaskTokens:N0} → {OpenClawTaskTokens / plain.Value.TaskTokens:0.0}x fewer; target ≥ 5x; 11,239 before = 3.3x); with the 200-tool server deferred {deferred.Value.TaskTokens}, always loaded {loaded.Value.TaskTokens} ({(double)loaded.Value.TaskTokens / deferred.Value.TaskTokens:0.0}x more)");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        await MeasureSearchAsync(fixture, quick ? 20 : 100);
        return await EvaluateAsync(fixture);
    }

    private static async Task<(int FixedTokens, int WireFixed, int FirstRequest, int TaskTokens)?> MeasureTaskAsync(ScriptedModelServer server, string dll, string scratch, string name, string? config)
    {
        var home = Directory.CreateDirectory(Path.Combine(scratch, name, "home")).FullName;
        var workspace = Directory.CreateDirectory(Path.Combine(scratch, name, "ws")).FullName;
        if (config is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(home, "config.json"), config);
        }

        var cli = new CliInvocation("dotnet", [dll], null, server.BaseUrl, home);
        var before = server.Requests.Count;
        var (_, _, exit, output) = await cli.RunAsync(workspace, ["run", "--yes", "--json", Task]);
        if (exit != 0)
        {
            Console.Error.WriteLine($"chitin run ({name}) failed with exit code {exit}:\n{output}");
            return null;
        }

        var requests = server.Requests.Skip(before).Where(r => r.StatusCode == 200).ToList();
        var sessionId = JsonDocument.Parse(output[..(output.LastIndexOf('}') + 1)]).RootElement.GetProperty("session_id").GetString()!;
        var (_, _, contextExit, context) = await cli.RunAsync(workspace, ["context", sessionId, "--json"]);
        if (contextExit != 0)
        {
            Console.Error.WriteLine($"chitin context ({name}) failed:\n{context}");
            return null;
        }

        using var report = JsonDocument.Parse(context[..(context.LastIndexOf('}') + 1)]);
        var fixedTokens = report.RootElement.GetProperty("layers").EnumerateArray()
            .Where(l => l.GetProperty("name").GetString() is "system prompt" or "tool schemas")
            .Sum(l => l.GetProperty("tokens").GetInt32());
        var first = requests[0].PromptTokens;
        return (fixedTokens, first - TiktokenCounter.Instance.CountTokens(Task), first, requests.Sum(r => r.PromptTokens));
    }

    private static async Task MeasureSearchAsync(string fixture, int rounds)
    {
        var groups = Enumerable.Range(1, 5).Select(i => new DeferredToolGroup($"mcp__s{i}__*", FixtureTool.Load(fixture, $"s{i}"))).ToList();
        var deferred = new DeferredTools(groups, new HashedNgramEmbeddingGenerator());
        var build = Stopwatch.StartNew();
        await deferred.IndexAsync(CancellationToken.None);
        var buildMs = build.Elapsed.TotalMilliseconds;
        var search = new ToolSearchTool(deferred);
        var context = new ToolContext(Path.GetTempPath(), "bench", Path.GetTempPath());
        var needs = Needs(fixture).Select(n => JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["query"] = n.Need })).ToList();
        var times = new List<double>();
        for (var round = 0; round < rounds + 2; round++)
        {
            foreach (var arguments in needs)
            {
                var start = Stopwatch.GetTimestamp();
                await search.InvokeAsync(new ToolInvocation("b", "tool_search", arguments, context), CancellationToken.None);
                if (round >= 2)
                {
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }

        times.Sort();
        Print($"RESULT tool_search over {deferred.Count:N0} deferred tools (BM25 + offline embeddings, {times.Count} searches): median {times[times.Count / 2]:0.000} ms, p95 {times[(int)(times.Count * 0.95)]:0.000} ms (target ≤ 5 ms); index built once in {buildMs:0} ms");
    }

    private static async Task<int> EvaluateAsync(string fixture)
    {
        var deferred = new DeferredTools([new DeferredToolGroup("mcp__devhub__*", FixtureTool.Load(fixture, "devhub"))], new HashedNgramEmbeddingGenerator());
        var index = await deferred.IndexAsync(CancellationToken.None);
        var needs = Needs(fixture);
        var top1 = 0;
        var top3 = 0;
        foreach (var (need, tool) in needs)
        {
            var hits = await index.SearchAsync(need, 3, CancellationToken.None);
            var rank = hits.Select(h => h.Tool.Name).ToList().IndexOf("mcp__devhub__" + tool);
            top1 += rank == 0 ? 1 : 0;
            top3 += rank >= 0 ? 1 : 0;
            if (rank < 0)
            {
                Console.WriteLine($"  miss: \"{need}\" → {tool}; got {string.Join(", ", hits.Select(h => h.Tool.Name["mcp__devhub__".Length..]))}");
            }
        }

        Print($"RESULT tool_search evaluation, {needs.Count} needs among 200 tools: top-3 {top3}/{needs.Count}, top-1 {top1}/{needs.Count} (target ≥ 18/20 in the top 3)");
        return 0;
    }

    private static List<(string Need, string Tool)> Needs(string fixture)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture, "needs.json")));
        return document.RootElement.EnumerateArray().Select(n => (n.GetProperty("need").GetString()!, n.GetProperty("tool").GetString()!)).ToList();
    }

    private static ScriptStep ThreeToolSteps(ScriptRequest request) => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
        1 => ScriptStep.ToolCalls(new ScriptToolCall("write_file", """{"path":"report.md","content":"# Report\n\n- three steps\n"}""")),
        2 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"report.md"}""")),
        _ => ScriptStep.Text("Wrote report.md (3 lines) and read it back."),
    };

    private static string Node() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("node is not on PATH; install Node.js 20+ and run scripts/setup.");

    private static void Print(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
