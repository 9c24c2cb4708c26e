using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Hooks;
using Chitin.Core.Permissions;
using Chitin.Core.Tests.Support;
using Chitin.Core.Tools;
using Chitin.Testing.InProcess;

namespace Chitin.Core.Tests.Agents;

/// <summary>A front end that must not wait for the stop hooks (the gateway) gets the result before they run.</summary>
public sealed class CompleteBeforeStopHooksTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunCompleted_comes_before_the_stop_hooks_only_when_asked(bool early)
    {
        await using var h = await LoopHarness.CreateAsync();
        var hook = new FailingStopHook();
        var runner = new AgentRunner(
            new ScriptedChatClient((_, _) => ScriptedTurn.Say("done")),
            new ToolRegistry([]),
            h.Store,
            h.Store,
            new DefaultToolApprover(approveAll: true),
            new AgentRunnerOptions { ArtifactsRoot = Path.Combine(h.Root, "artifacts"), StopHooks = [hook] });

        var kinds = new List<string>();
        await foreach (var e in runner.RunAsync(h.Request("go") with { CompleteBeforeStopHooks = early }))
        {
            if (e is RunCompleted)
            {
                kinds.Add("completed");
            }
            else if (e is ErrorOccurred { Kind: "hook" })
            {
                kinds.Add("hook failed");
            }
        }

        Assert.Equal(early ? ["completed", "hook failed"] : ["hook failed", "completed"], kinds);
        Assert.True(hook.Ran);
    }

    private sealed class FailingStopHook : IStopHook
    {
        public bool Ran { get; private set; }

        public ValueTask OnStopAsync(RunStopped stop, CancellationToken cancellationToken)
        {
            Ran = true;
            throw new InvalidOperationException("the hook failed");
        }
    }
}
