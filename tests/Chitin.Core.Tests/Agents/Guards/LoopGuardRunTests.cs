using Chitin.Core.Agents;
using Chitin.Core.Agents.Guards;
using Chitin.Core.Events;
using Chitin.Core.Sessions;
using Chitin.Core.Tests.Support;
using Chitin.Core.Tools;
using Chitin.Testing.InProcess;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Tests.Agents.Guards;

/// <summary>The loop guard inside the real loop, over a real SQLite store, with a scripted model.</summary>
public sealed class LoopGuardRunTests
{
    private static readonly LambdaTool Failing = new("fetch", ToolTraits.ReadOnly, (_, _) => ValueTask.FromResult(ToolResult.Error("connection refused")));

    [Fact]
    public async Task The_same_failing_call_ends_the_run_as_loop_detected_at_the_third_call_after_one_nudge()
    {
        await using var h = await LoopHarness.CreateAsync();
        var stuck = new ScriptedChatClient((_, _) => ScriptedTurn.Call("fetch", """{"value":"https://x"}"""));

        var events = await LoopHarness.CollectAsync(h.Runner(stuck, [Failing]).RunAsync(h.Request("get it")));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.LoopDetected, result.Status);
        Assert.Equal(3, result.Steps);
        Assert.Equal(3, stuck.Calls);
        Assert.Contains("fetch", result.Error, StringComparison.Ordinal);
        Assert.Single(events, e => e is ErrorOccurred { Kind: "loop_guard" });
        Assert.Single(events, e => e is ErrorOccurred { Kind: "loop_detected" });

        // The nudge reached the model once, right before the third call, and is part of the stored transcript.
        Assert.DoesNotContain(stuck.Received[1], m => m.Text.Contains("[loop guard]", StringComparison.Ordinal));
        Assert.Single(stuck.Received[2], m => m.Role == ChatRole.User && m.Text.Contains("[loop guard]", StringComparison.Ordinal));
        var stored = await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
        Assert.Single(stored, m => m.Role == MessageRole.User && m.Text!.StartsWith("[loop guard]", StringComparison.Ordinal));
        Assert.Equal(SessionStatus.Idle, (await h.Store.GetSessionAsync(result.SessionId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Arguments_in_another_key_order_are_the_same_call()
    {
        await using var h = await LoopHarness.CreateAsync();
        var stuck = new ScriptedChatClient((_, i) => ScriptedTurn.Call("fetch", i % 2 == 0 ? """{"value":"a","extra":1}""" : """{ "extra": 1, "value": "a" }"""));

        var result = await h.Runner(stuck, [Failing]).RunToCompletionAsync(h.Request("get it"));

        Assert.Equal(RunStatus.LoopDetected, result.Status);
        Assert.Equal(3, result.Steps);
    }

    [Fact]
    public async Task A_repeated_call_whose_result_changes_is_not_a_loop()
    {
        await using var h = await LoopHarness.CreateAsync();
        var polled = 0;
        var poll = new LambdaTool("poll", ToolTraits.ReadOnly, (_, _) => ValueTask.FromResult(ToolResult.Ok($"progress {Interlocked.Increment(ref polled) * 10}%")));
        var model = new ScriptedChatClient((_, i) => i < 9 ? ScriptedTurn.Call("poll", "{}") : ScriptedTurn.Say("finished"));

        var events = await LoopHarness.CollectAsync(h.Runner(model, [poll]).RunAsync(h.Request("wait for the job")));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(10, result.Steps);
        Assert.DoesNotContain(events, e => e is ErrorOccurred { Kind: "loop_guard" or "loop_detected" });
    }

    [Fact]
    public async Task The_nudge_is_sent_once_however_long_the_loop_goes_on()
    {
        await using var h = await LoopHarness.CreateAsync();
        var model = new ScriptedChatClient((_, i) => i < 6 ? ScriptedTurn.Call("fetch", """{"value":"same"}""") : ScriptedTurn.Say("giving up"));
        var limits = new AgentLimits { LoopGuard = new LoopGuardOptions { RepeatedFailureStop = 0, NoProgressStop = 0 } };

        var events = await LoopHarness.CollectAsync(h.Runner(model, [Failing]).RunAsync(h.Request("get it", limits: limits)));

        Assert.Equal(RunStatus.Done, Assert.IsType<RunCompleted>(events[^1]).Result.Status);
        Assert.Single(events, e => e is ErrorOccurred { Kind: "loop_guard" });
        Assert.Single(model.Received[^1], m => m.Text.Contains("[loop guard]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Steps_that_only_cycle_through_earlier_calls_are_stopped_as_no_progress()
    {
        await using var h = await LoopHarness.CreateAsync();
        var read = new LambdaTool("read", ToolTraits.ReadOnly, (inv, _) => ValueTask.FromResult(ToolResult.Ok("contents of " + inv.Arguments.GetProperty("value").GetString())));
        var model = new ScriptedChatClient((_, i) => ScriptedTurn.Call("read", i % 2 == 0 ? """{"value":"a"}""" : """{"value":"b"}"""));
        var limits = new AgentLimits { LoopGuard = new LoopGuardOptions { RepeatedCallNudge = 0, RepeatedCallStop = 0, NoProgressNudge = 2, NoProgressStop = 4 } };

        var events = await LoopHarness.CollectAsync(h.Runner(model, [read]).RunAsync(h.Request("look", limits: limits)));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.LoopDetected, result.Status);
        Assert.Equal(6, result.Steps); // two new steps, then four that repeat them
        Assert.Contains("no new call", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_reported_from_outside_restarts_the_counts()
    {
        await using var h = await LoopHarness.CreateAsync();
        var ledger = new Ledger();
        var waitOnChildren = new LambdaTool("fetch", ToolTraits.ReadOnly, (_, _) =>
        {
            ledger.Entries++;
            return ValueTask.FromResult(ToolResult.Error("not finished yet"));
        });
        var model = new ScriptedChatClient((_, i) => i < 6 ? ScriptedTurn.Call("fetch", "{}") : ScriptedTurn.Say("all children done"));

        var result = await h.Runner(model, [waitOnChildren]).RunToCompletionAsync(h.Request("wait", limits: null) with { Progress = ledger });

        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(7, result.Steps);
    }

    [Fact]
    public async Task A_disabled_guard_lets_the_loop_run_to_the_step_limit()
    {
        await using var h = await LoopHarness.CreateAsync();
        var stuck = new ScriptedChatClient((_, _) => ScriptedTurn.Call("fetch", "{}"));
        var limits = new AgentLimits { MaxSteps = 6, LoopGuard = new LoopGuardOptions { Enabled = false } };

        var result = await h.Runner(stuck, [Failing]).RunToCompletionAsync(h.Request("get it", limits: limits));

        Assert.Equal(RunStatus.LimitReached, result.Status);
        Assert.Equal(6, stuck.Calls);
    }

    private sealed class Ledger : IRunProgress
    {
        public long Entries { get; set; }

        public long Mark => Entries;
    }
}
