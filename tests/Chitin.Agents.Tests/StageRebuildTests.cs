using Chitin.Agents.Tests.Support;
using Chitin.Core.Agents;
using Chitin.Testing.Scripting;

namespace Chitin.Agents.Tests;

/// <summary>At a stage boundary the orchestrator's context is rebuilt from the bus, so its requests do not grow with the stages.</summary>
public sealed class StageRebuildTests
{
    private const string Task = "survey the orchard in stages";

    [Fact]
    public async Task After_each_stage_the_orchestrator_sees_its_task_plan_ledger_digest_and_the_last_stage_only()
    {
        var orchestratorCalls = new List<ScriptRequest>();
        await using var rig = await AgentRig.StartAsync(r =>
        {
            if (Who.ChildOf(r) is { } child)
            {
                return ScriptStep.Text($"{child} counted {child.Length * 7} trees in its row and wrote nothing else");
            }

            lock (orchestratorCalls)
            {
                orchestratorCalls.Add(r);
                return orchestratorCalls.Count switch
                {
                    1 => ScriptStep.ToolCalls(Calls.Spawn("count row one"), Calls.Spawn("count row two")),
                    2 => ScriptStep.ToolCalls(Calls.Wait()),
                    3 => ScriptStep.ToolCalls(Calls.Spawn("count row three"), Calls.Spawn("count row four")),
                    4 => ScriptStep.ToolCalls(Calls.Wait()),
                    _ => ScriptStep.Text("the orchard has four counted rows"),
                };
            }
        });

        var result = await rig.RunInStagesAsync(Task);

        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(5, orchestratorCalls.Count);
        var stageTwo = orchestratorCalls[2];
        var end = orchestratorCalls[4];

        // Rebuilt: no earlier tool calls or results, only the digest (the task is restated in it).
        Assert.DoesNotContain(stageTwo.Messages, m => m.ToolCalls.Count > 0 || m.ToolResults.Count > 0);
        Assert.DoesNotContain(end.Messages, m => m.ToolCalls.Count > 0 || m.ToolResults.Count > 0);
        var digestTwo = string.Concat(stageTwo.Messages.Select(m => m.Text));
        var digestEnd = string.Concat(end.Messages.Select(m => m.Text));
        Assert.Contains(Task, digestTwo, StringComparison.Ordinal);
        Assert.Contains("plan.md", digestTwo, StringComparison.Ordinal);
        Assert.Contains("2 of 2 children finished (2 done)", digestTwo, StringComparison.Ordinal);
        Assert.Contains("a1 counted", digestTwo, StringComparison.Ordinal);
        Assert.Contains("4 of 4 children finished (4 done)", digestEnd, StringComparison.Ordinal);
        Assert.Contains("a4 counted", digestEnd, StringComparison.Ordinal);
        Assert.Contains("Earlier stages' results", digestEnd, StringComparison.Ordinal);
        Assert.DoesNotContain("a1 counted", digestEnd, StringComparison.Ordinal);

        // Flat: the last stage's request is no bigger than the second's, give or take the ids and counts.
        Assert.InRange(digestEnd.Length, digestTwo.Length - 300, digestTwo.Length + 300);

        // The transcript keeps everything; only the context was rebuilt.
        var stored = await rig.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
        Assert.Equal(4, stored.Count(m => m.ToolCalls is { Count: > 0 }));
    }
}
