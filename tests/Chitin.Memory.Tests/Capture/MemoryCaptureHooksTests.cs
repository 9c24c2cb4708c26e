using Chitin.Core.Agents;
using Chitin.Core.Hooks;
using Chitin.Core.Sessions;
using Chitin.Memory.Capture;
using Chitin.Memory.Model;
using Chitin.Security.Hooks;
using Chitin.Testing.InProcess;

namespace Chitin.Memory.Tests.Capture;

/// <summary>The decorator runs the configured (real, shell) hooks and the capture, and never lets capture break a run.</summary>
public sealed class MemoryCaptureHooksTests
{
    private const string Fact = """{"facts":[{"text":"The user prefers tabs over spaces.","layer":"semantic","scope":"user"}]}""";

    [Theory]
    [InlineData(HookEvent.BeforeCompact, "before_compact")]
    public async Task Both_the_inner_hook_and_the_capture_run_and_the_inner_outcome_is_returned_unchanged(HookEvent hookEvent, string name)
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var inner = new CommandHooks([new HookDefinition { Event = hookEvent, Command = $"echo ran > {name}.txt; echo '{{\"decision\":\"allow\",\"reason\":\"checked\"}}'" }]);
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(Fact));
        var warnings = new List<string>();
        var results = new List<MemoryCaptureResult>();
        var hooks = new MemoryCaptureHooks(inner, stores.Capture(model), warnings.Add, results.Add);

        var outcome = await hooks.RunAsync(Request(hookEvent, session, stores.Workspace), CancellationToken.None);

        Assert.Equal(new HookOutcome(HookVerdict.Allow, "checked"), outcome);
        Assert.True(File.Exists(Path.Combine(stores.Workspace, name + ".txt")));
        Assert.Equal(MemoryCaptureStatus.Captured, Assert.Single(results).Status);
        Assert.Single(await stores.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(HookEvent.UserPrompt)]
    [InlineData(HookEvent.SessionStart)]
    [InlineData(HookEvent.AfterTool)]
    [InlineData(HookEvent.Stop)]
    public async Task Other_events_only_run_the_inner_hooks(HookEvent hookEvent)
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var inner = new CommandHooks([new HookDefinition { Event = hookEvent, Command = "echo 'not allowed' >&2; exit 2" }]);
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(Fact));
        var hooks = new MemoryCaptureHooks(inner, stores.Capture(model));

        var outcome = await hooks.RunAsync(Request(hookEvent, session, stores.Workspace), CancellationToken.None);

        Assert.Equal(HookVerdict.Deny, outcome.Verdict);
        Assert.Contains("not allowed", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task A_cancelled_run_is_not_captured_at_stop()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(Fact));
        var hook = new MemoryCaptureStopHook(stores.Capture(model));

        await hook.OnStopAsync(Stopped(session, stores.Workspace, RunStatus.Cancelled, await stores.Sessions.LoadMessagesAsync(session, CancellationToken.None)), CancellationToken.None);

        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task The_stop_hook_captures_from_the_in_memory_transcript_not_from_the_store()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "Stored only: nothing to remember here."));
        string? seen = null;
        var model = new ScriptedChatClient((messages, _) =>
        {
            seen = messages[^1].Text;
            return ScriptedTurn.Say(Fact);
        });
        var results = new List<MemoryCaptureResult>();
        var hook = new MemoryCaptureStopHook(stores.Capture(model), captured: results.Add);
        IReadOnlyList<SessionMessage> transcript = [new() { Sequence = 1, Role = MessageRole.User, Text = "In memory: I prefer tabs over spaces.", CreatedAt = DateTimeOffset.UtcNow }];

        await hook.OnStopAsync(Stopped(session, stores.Workspace, RunStatus.Done, transcript), CancellationToken.None);

        Assert.Equal(MemoryCaptureStatus.Captured, Assert.Single(results).Status);
        Assert.Contains("In memory: I prefer tabs over spaces.", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Stored only", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_capture_that_throws_is_reported_as_a_warning_and_the_run_goes_on()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(Fact));
        var warnings = new List<string>();
        var hooks = new MemoryCaptureHooks(NoHooks.Instance, stores.Capture(model), warnings.Add);
        await stores.Memory.DisposeAsync();

        var outcome = await hooks.RunAsync(Request(HookEvent.BeforeCompact, session, stores.Workspace), CancellationToken.None);

        Assert.Equal(HookOutcome.Continue, outcome);
        var warning = Assert.Single(warnings);
        Assert.StartsWith($"Memory capture for session {session} failed: ", warning, StringComparison.Ordinal);
        Assert.Equal(0, await stores.Marks.GetCapturedThroughAsync(session, CancellationToken.None));
    }

    [Fact]
    public async Task An_invalid_answer_reaches_the_warning_callback()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say("I could not find any facts, sorry."));
        var warnings = new List<string>();
        var hook = new MemoryCaptureStopHook(stores.Capture(model), warnings.Add);

        await hook.OnStopAsync(Stopped(session, stores.Workspace, RunStatus.Done, await stores.Sessions.LoadMessagesAsync(session, CancellationToken.None)), CancellationToken.None);

        Assert.Contains("ignored the model's answer: the answer is not valid JSON", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_during_the_flush_propagates_so_the_loop_can_stop()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        using var gate = new SemaphoreSlim(0);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatClient((_, _) =>
        {
            started.TrySetResult();
            return new ScriptedTurn { Text = Fact, Gate = gate };
        });
        var warnings = new List<string>();
        var hooks = new MemoryCaptureHooks(NoHooks.Instance, stores.Capture(model), warnings.Add);
        using var cts = new CancellationTokenSource();

        var running = hooks.RunAsync(Request(HookEvent.BeforeCompact, session, stores.Workspace), cts.Token).AsTask();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Empty(warnings);
        Assert.Empty(await stores.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
    }

    private static HookRequest Request(HookEvent hookEvent, string session, string workspace) =>
        new() { Event = hookEvent, SessionId = session, Agent = "default", Workspace = workspace, ResultText = hookEvent == HookEvent.Stop ? "Done" : null };

    private static RunStopped Stopped(string session, string workspace, RunStatus status, IReadOnlyList<SessionMessage> transcript) => new()
    {
        Result = new AgentRunResult { SessionId = session, Status = status, Usage = new RunTotals() },
        Transcript = transcript,
        Model = "test-model",
        Workspace = workspace,
    };
}
