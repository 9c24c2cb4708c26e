using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chitin.Agents.Budget;
using Chitin.Agents.Bus;
using Chitin.Agents.Orchestration;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Metering;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Bench.Agents;

/// <summary>
/// Agent trees through the real loop, every call over HTTP to the scripted server: a swarm of 100 children (peak
/// RSS, harness tokens per child) and a 3-worker task where the parent reads envelopes, against the same task with
/// each child's transcript pasted back (the saving in prompt tokens).
/// </summary>
public static partial class AgentsBenchmark
{
    public static async Task<int> RunAsync(bool quick)
    {
        await SwarmAsync(quick ? 30 : 100);
        await EnvelopesAgainstTranscriptsAsync();
        await StagedTaskBenchmark.RunAsync(quick ? 4 : 10);
        return 0;
    }

    private static async Task SwarmAsync(int children)
    {
        var task = "check one shard of the data and report the count";
        var (root, result, server) = await RunTreeAsync(
            r => Child(r) is { } id ? ScriptStep.Text($"{id}: shard checked, 17 rows") : Who(r) switch
            {
                0 => ScriptStep.ToolCalls(Enumerable.Range(0, children).Select(_ => new ScriptToolCall("agents_spawn", $$"""{"task":"{{task}}"}""")).ToArray()),
                1 => ScriptStep.ToolCalls(new ScriptToolCall("agents_wait", "{}")),
                _ => ScriptStep.Text("swarm done"),
            },
            AgentsSettings.Default with { MaxChildren = children, MaxRunning = Math.Min(children, AgentsSettings.SwarmLimit) });
        await using (server)
        {
            var firsts = server.Requests.Where(q => q.Parsed is { } p && Child(p) is not null).ToList();
            var taskTokens = TiktokenCounter.Instance.CountTokens(task);
            var overhead = firsts.Average(q => q.PromptTokens - taskTokens);
            Console.WriteLine(Inv($"RESULT agents swarm: {firsts.Count} children, status {result.Status}, peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MB"));
            Console.WriteLine(Inv($"RESULT agents swarm: harness tokens per child (prompt minus task text) {overhead:0} (system prompt + tools + brief frame)"));
        }

        Directory.Delete(root, recursive: true);
    }

    private static async Task EnvelopesAgainstTranscriptsAsync()
    {
        var findings = string.Join(" ", Enumerable.Range(0, 600).Select(i => $"fact{i}"));
        ScriptRequest? afterWait = null;
        var (root, result, server) = await RunTreeAsync(
            r =>
            {
                if (Child(r) is { } id)
                {
                    // Three steps of work each, then a long answer: what a pasted transcript would carry.
                    return Who(r) < 3 ? ScriptStep.ToolCalls(new ScriptToolCall("agents_status", "{}")) : ScriptStep.Text($"{id} report: {findings}");
                }

                switch (Who(r))
                {
                    case 0:
                        return ScriptStep.ToolCalls(
                            new ScriptToolCall("agents_spawn", """{"task":"survey part one"}"""),
                            new ScriptToolCall("agents_spawn", """{"task":"survey part two"}"""),
                            new ScriptToolCall("agents_spawn", """{"task":"survey part three"}"""));
                    case 1:
                        return ScriptStep.ToolCalls(new ScriptToolCall("agents_wait", "{}"));
                    default:
                        afterWait = r;
                        return ScriptStep.Text("merged");
                }
            },
            AgentsSettings.Default with { MaxDepth = 2, EnvelopeTokens = 300 });
        await using (server)
        {
            var counter = TiktokenCounter.Instance;
            var envelopes = afterWait!.LastToolResults.Single().Content;
            var parsed = JsonSerializer.Deserialize(envelopes, AgentsJsonContext.Default.ListCompletionEnvelope)!;
            var transcripts = string.Concat(parsed.Select(e => File.ReadAllText(Path.Combine(root, "workspace", e.TranscriptPath))));
            var envelopeTokens = counter.CountTokens(envelopes);
            var transcriptTokens = counter.CountTokens(transcripts);
            Console.WriteLine(Inv($"RESULT agents 3-worker task ({result.Status}): envelopes {envelopeTokens} tokens vs pasted transcripts {transcriptTokens} tokens in the parent's context: saving {100.0 * (transcriptTokens - envelopeTokens) / transcriptTokens:0.0}%"));
        }

        Directory.Delete(root, recursive: true);
    }

    internal static async Task<(string Root, AgentRunResult Result, ScriptedModelServer Server)> RunTreeAsync(
        Func<ScriptRequest, ScriptStep> responder, AgentsSettings settings, IReadOnlyList<ITool>? childTools = null, bool rebuildAtStages = false)
    {
        var root = Directory.CreateTempSubdirectory("chitin-bench-agents-").FullName;
        var workspace = Directory.CreateDirectory(Path.Combine(root, "workspace")).FullName;
        var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(responder), new ScriptedModelServerOptions { MaxRecordedRequests = 10_000 });
        await using var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "chitin.db"), CancellationToken.None);
        using var provider = ChatClientFactory.Create(new ProviderSettings { BaseUrl = server.BaseUrl + "/v1", Model = server.Models[0], MaxRetries = 0 });
        var budgets = new AgentBudgets(settings.BudgetUsd, TimeProvider.System);
        var client = new TreeBudgetChatClient(provider, budgets, PriceTable.Defaults, TiktokenCounter.Instance);
        var options = new AgentRunnerOptions { ArtifactsRoot = Path.Combine(root, "artifacts") };
        var approver = new DefaultToolApprover(approveAll: true);
        var runners = new ChildRunners(_ => client, _ => options, new ToolRegistry(childTools ?? []), approver, store, store, server.Models[0], new AgentLimits());
        await using var runtime = new AgentRuntime(settings, runners, budgets, TiktokenCounter.Instance);
        var orchestrator = new AgentRunner(client, new ToolRegistry(runtime.AgentTools), store, store, approver, options);
        var request = new AgentRunRequest { Prompt = "run the task", Model = server.Models[0], Workspace = workspace, Limits = new AgentLimits { MaxSteps = 1_000 } };
        var result = await orchestrator.RunToCompletionAsync(rebuildAtStages ? request with { ContextRebuild = runtime.Stages } : request);
        return (root, result, server);
    }

    internal static string? Child(ScriptRequest r) => r.Messages.Count > 0 && BriefHeading().Match(r.Messages[0].Text) is { Success: true } m ? m.Groups[1].Value : null;

    private static int Who(ScriptRequest r) => r.Messages.Count(m => m.Role == ScriptRole.Assistant);

    internal static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^# Brief for agent (a\d+)")]
    private static partial Regex BriefHeading();
}
