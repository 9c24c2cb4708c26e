using Chitin.Core.Agents;
using Chitin.Core.Checkpoints;
using Chitin.Core.Events;
using Chitin.Core.Hooks;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Early_completion_comes_before_the_checkpoint_is_closed_and_the_status_saved(bool early)
    {
        await using var h = await LoopHarness.CreateAsync();
        // Closing the turn's checkpoint waits until the test lets it: with early completion the answer must arrive while
        // it waits; without, it arrives only after it (so the gate starts open).
        var checkpoints = new GatedCheckpoints(open: !early);
        var runner = new AgentRunner(
            new ScriptedChatClient((_, _) => ScriptedTurn.Say("done")),
            new ToolRegistry([LambdaTool.Echo("write", ToolTraits.None)]),
            h.Store,
            h.Store,
            new DefaultToolApprover(approveAll: true),
            new AgentRunnerOptions { ArtifactsRoot = Path.Combine(h.Root, "artifacts"), Checkpoints = checkpoints });

        string? sessionId = null;
        await foreach (var e in runner.RunAsync(h.Request("go") with { CompleteBeforeStopHooks = early }))
        {
            if (e is RunCompleted done)
            {
                sessionId = done.SessionId;
                Assert.Equal(!early, checkpoints.Closed);
                var status = (await h.Store.GetSessionAsync(done.SessionId, CancellationToken.None))!.Status;
                Assert.Equal(early ? SessionStatus.Running : SessionStatus.Done, status);
                checkpoints.Open();
            }
        }

        Assert.True(checkpoints.Closed);
        Assert.Equal(SessionStatus.Done, (await h.Store.GetSessionAsync(sessionId!, CancellationToken.None))!.Status);
    }

    private sealed class GatedCheckpoints(bool open) : ITurnCheckpoints
    {
        private readonly TaskCompletionSource _gate = NewGate(open);
        private volatile bool _closed;

        public bool Closed => _closed;

        public void Open() => _gate.TrySetResult();

        public Task<TurnCheckpoint?> BeginTurnAsync(string sessionId, string workspace, long lastSequence, CancellationToken cancellationToken) =>
            Task.FromResult<TurnCheckpoint?>(new TurnCheckpoint(1, sessionId, workspace, []));

        public async Task EndTurnAsync(TurnCheckpoint checkpoint, long lastSequence, CancellationToken cancellationToken)
        {
            await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            _closed = true;
        }

        private static TaskCompletionSource NewGate(bool open)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (open)
            {
                gate.SetResult();
            }

            return gate;
        }
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
