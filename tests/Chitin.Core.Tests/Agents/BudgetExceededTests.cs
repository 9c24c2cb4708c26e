using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Tests.Support;
using Chitin.Testing.InProcess;

namespace Chitin.Core.Tests.Agents;

public sealed class BudgetExceededTests
{
    [Fact]
    public async Task A_call_refused_by_a_budget_ends_the_run_as_budget_exceeded_and_the_session_resumes()
    {
        await using var h = await LoopHarness.CreateAsync();
        var refusing = new ScriptedChatClient((_, _) => throw new BudgetExceededException("budget exceeded: global day hard cap $1"));

        var events = await LoopHarness.CollectAsync(h.Runner(refusing, []).RunAsync(h.Request("go")));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.BudgetExceeded, result.Status);
        Assert.Equal(1, refusing.Calls);
        Assert.Contains(events, e => e is ErrorOccurred { Kind: "budget" });
        Assert.Equal(Chitin.Core.Sessions.SessionStatus.Idle, (await h.Store.GetSessionAsync(result.SessionId, CancellationToken.None))!.Status);

        var answering = new ScriptedChatClient((_, _) => ScriptedTurn.Say("done after the cap was raised"));
        var resumed = await h.Runner(answering, []).RunToCompletionAsync(h.Request("continue", sessionId: result.SessionId));

        Assert.Equal(RunStatus.Done, resumed.Status);
        Assert.Equal(result.SessionId, resumed.SessionId);
    }
}
