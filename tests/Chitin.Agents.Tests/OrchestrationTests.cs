using System.Collections.Concurrent;
using Chitin.Agents.Bus;
using Chitin.Agents.Orchestration;
using Chitin.Agents.Tests.Support;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Events;
using Chitin.Testing.Scripting;

namespace Chitin.Agents.Tests;

/// <summary>The orchestrator and its children through the real loop, every model call served over HTTP by the scripted server.</summary>
public sealed class OrchestrationTests
{
    private const string Secret = "ROOT-SECRET-7731";
    private const string LongTail = "END-OF-LONG-REPORT";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Three_children_run_in_parallel_from_their_briefs_and_the_parent_reads_capped_envelopes()
    {
        using var allThree = new CountdownEvent(3);
        var answeredAt = new ConcurrentDictionary<string, DateTimeOffset>();
        var longReport = string.Join(" ", Enumerable.Range(0, 4000).Select(i => $"finding{i}")) + " " + LongTail;
        ScriptRequest? afterWait = null;
        await using var rig = await AgentRig.StartAsync(r =>
        {
            if (Who.ChildOf(r) is not { } child)
            {
                switch (Who.Step(r))
                {
                    case 0:
                        return ScriptStep.ToolCalls(Calls.Spawn("count the apples"), Calls.Spawn("count the pears"), Calls.Spawn("write the long report"));
                    case 1:
                        return ScriptStep.ToolCalls(Calls.Wait());
                    default:
                        afterWait = r;
                        return ScriptStep.Text("all three reported");
                }
            }

            // Each child's first call is held until all three have arrived: only calls in flight together get through.
            allThree.Signal();
            if (!allThree.Wait(Patience))
            {
                return ScriptStep.Error(500, "the children's calls did not overlap");
            }

            answeredAt[child] = DateTimeOffset.UtcNow;
            return ScriptStep.Text(child == "a3" ? longReport : $"{child} counted 7");
        });

        var result = await rig.RunAsync($"orchestrate this {Secret}");

        Assert.Equal(RunStatus.Done, result.Status);
        var childRequests = rig.Server.Requests.Where(q => q.Parsed is { } p && Who.ChildOf(p) is not null).ToList();
        Assert.Equal(3, childRequests.Count);
        Assert.True(childRequests.Max(q => q.ReceivedAt) <= answeredAt.Values.Min(), "every child's call arrived before any was answered");
        Assert.All(childRequests, q => Assert.DoesNotContain(Secret, q.Body, StringComparison.Ordinal));
        Assert.All(childRequests, q => Assert.DoesNotContain("agents_spawn", q.Parsed!.ToolNames));
        Assert.Contains("agents_spawn", rig.Server.Requests[0].Parsed!.ToolNames);

        var envelopes = Calls.Envelopes(afterWait!);
        Assert.Equal(["a1", "a2", "a3"], envelopes.Select(e => e.Agent).Order());
        Assert.All(envelopes, e => Assert.Equal(AgentStatus.Done, e.Status));
        Assert.All(envelopes, e => Assert.True(File.Exists(Path.Combine(rig.Workspace, e.ResultPath)), e.ResultPath));
        Assert.All(envelopes, e => Assert.True(File.Exists(Path.Combine(rig.Workspace, e.TranscriptPath)), e.TranscriptPath));
        Assert.All(envelopes, e => Assert.True(e.Tokens > 0 && e.CostUsd > 0, $"{e.Agent} reports its use"));
        var report = envelopes.Single(e => e.Agent == "a3");
        Assert.True(report.Truncated);
        Assert.InRange(TiktokenCounter.Instance.CountTokens(report.Result), 1_000, 1_500);
        Assert.DoesNotContain(LongTail, afterWait!.Messages.Select(m => string.Concat(m.ToolResults.Select(t => t.Content))).Last(), StringComparison.Ordinal);
        Assert.EndsWith(LongTail, await File.ReadAllTextAsync(Path.Combine(rig.Workspace, report.ResultPath)), StringComparison.Ordinal);
        Assert.Equal("a1 counted 7", envelopes.Single(e => e.Agent == "a1").Result);

        var ledger = RunLedger.Read(new RunFolders(rig.Workspace, result.SessionId).LedgerPath);
        Assert.Equal(3, ledger.Count(e => e.Kind == LedgerKind.Spawn));
        Assert.Equal(3, ledger.Count(e => e.Kind == LedgerKind.Complete && e.Status == AgentStatus.Done));
        Assert.Equal(3, rig.TreeEvents.OfType<AgentSpawned>().Count());
        Assert.Equal(3, rig.TreeEvents.OfType<AgentFinished>().Count(e => e.Status == AgentStatus.Done));
    }

    [Fact]
    public async Task A_child_looping_on_a_tool_stops_at_its_slice_and_the_tree_stays_within_its_budget()
    {
        ScriptRequest? afterWait = null;
        var settings = AgentsSettings.Default with { BudgetUsd = 0.05m };
        await using var rig = await AgentRig.StartAsync(
            r =>
            {
                if (Who.ChildOf(r) is not null)
                {
                    // A new place each time: the loop guard sees calls that differ, only the budget can stop it.
                    return ScriptStep.ToolCalls(new ScriptToolCall("probe", $$"""{"place":{{Who.Step(r)}}}"""));
                }

                switch (Who.Step(r))
                {
                    case 0:
                        return ScriptStep.ToolCalls(Calls.Spawn("find it", ""","budget_usd":0.02"""));
                    case 1:
                        return ScriptStep.ToolCalls(Calls.Wait());
                    default:
                        afterWait = r;
                        return ScriptStep.Text("gave up");
                }
            },
            settings,
            [new ProbeTool()]);

        var result = await rig.RunAsync("find the thing");

        Assert.Equal(RunStatus.Done, result.Status);
        var envelope = Assert.Single(Calls.Envelopes(afterWait!));
        Assert.Equal(AgentStatus.BudgetExceeded, envelope.Status);
        Assert.InRange(envelope.CostUsd, 0.0001m, 0.02m);
        var childCalls = rig.Server.Requests.Count(q => q.Parsed is { } p && Who.ChildOf(p) is not null);
        Assert.InRange(childCalls, 2, 49);
        var tree = rig.Runtime.Budgets.For(result.SessionId);
        Assert.True(tree.SpentUsd <= 0.05m, $"the tree spent ${tree.SpentUsd}");
        Assert.Equal(0.05m, tree.RemainingUsd + tree.SpentUsd);
        Assert.Contains(rig.TreeEvents.OfType<BudgetCharged>(), e => e.Kind == "reserve" && e.Usd == 0.02m);
        Assert.Contains(rig.TreeEvents.OfType<BudgetCharged>(), e => e.Kind == "release");
    }

    [Fact]
    public async Task Killing_a_child_stops_its_own_children_too()
    {
        using var grandchildWorking = new ManualResetEventSlim();
        ScriptRequest? afterKill = null;
        IReadOnlyList<string>? middleTools = null;
        IReadOnlyList<string>? leafTools = null;
        await using var rig = await AgentRig.StartAsync(
            r =>
            {
                switch (Who.ChildOf(r))
                {
                    case "a1":
                        middleTools ??= r.ToolNames;
                        return Who.Step(r) == 0 ? ScriptStep.ToolCalls(Calls.Spawn("dig deeper")) : ScriptStep.ToolCalls(Calls.Wait());
                    case "a2":
                        leafTools ??= r.ToolNames;
                        grandchildWorking.Set();
                        return ScriptStep.ToolCalls(new ScriptToolCall("block", "{}"));
                }

                switch (Who.Step(r))
                {
                    case 0:
                        return ScriptStep.ToolCalls(Calls.Spawn("supervise the digging"));
                    case 1:
                        return grandchildWorking.Wait(Patience) ? ScriptStep.ToolCalls(Calls.Kill("a1")) : ScriptStep.Error(500, "the grandchild never started");
                    default:
                        afterKill = r;
                        return ScriptStep.Text("stopped");
                }
            },
            AgentsSettings.Default with { MaxDepth = 2 },
            [new BlockTool()]);

        var result = await rig.RunAsync("dig");

        Assert.Equal(RunStatus.Done, result.Status);
        var envelopes = Calls.Envelopes(afterKill!);
        Assert.Equal(["a1", "a2"], envelopes.Select(e => e.Agent).Order());
        Assert.All(envelopes, e => Assert.Equal(AgentStatus.Killed, e.Status));
        Assert.Contains("agents_spawn", middleTools!);
        Assert.DoesNotContain("agents_spawn", leafTools!);
        var ledger = RunLedger.Read(new RunFolders(rig.Workspace, result.SessionId).LedgerPath);
        Assert.Equal(["a1", "a2"], ledger.Where(e => e.Kind == LedgerKind.Fail && e.Status == AgentStatus.Killed).Select(e => e.Agent).Order());
        var grandchildSpawn = ledger.Single(e => e.Kind == LedgerKind.Spawn && e.Agent == "a2");
        Assert.Equal("a1", grandchildSpawn.Parent);
    }

    [Fact]
    public async Task A_child_past_its_timeout_ends_with_status_timeout()
    {
        ScriptRequest? afterWait = null;
        await using var rig = await AgentRig.StartAsync(
            r =>
            {
                if (Who.ChildOf(r) is not null)
                {
                    return ScriptStep.ToolCalls(new ScriptToolCall("block", "{}"));
                }

                switch (Who.Step(r))
                {
                    case 0:
                        return ScriptStep.ToolCalls(Calls.Spawn("wait forever", ""","timeout_s":1"""));
                    case 1:
                        return ScriptStep.ToolCalls(Calls.Wait());
                    default:
                        afterWait = r;
                        return ScriptStep.Text("it timed out");
                }
            },
            tools: [new BlockTool()]);

        var result = await rig.RunAsync("try it");

        Assert.Equal(RunStatus.Done, result.Status);
        var envelope = Assert.Single(Calls.Envelopes(afterWait!));
        Assert.Equal(AgentStatus.Timeout, envelope.Status);
        Assert.Contains(rig.TreeEvents.OfType<AgentFinished>(), e => e.Status == AgentStatus.Timeout);
    }
}
