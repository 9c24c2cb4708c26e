using System.Text.Json;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
using Chitin.Core.Tests.Support;
using Chitin.Core.Tools;
using Chitin.Testing.InProcess;
using Chitin.Tools;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Tests.Agents;

public sealed class AgentRunnerTests
{
    [Fact]
    public async Task Multi_step_task_with_real_tools_persists_every_step_in_order()
    {
        await using var h = await LoopHarness.CreateAsync();
        var chat = ScriptedChatClient.FromTurns(
            ScriptedTurn.Call("write_file", """{"path":"a.txt","content":"alpha\nbeta\n"}"""),
            ScriptedTurn.Call("read_file", """{"path":"a.txt"}"""),
            ScriptedTurn.Call("run_shell", """{"command":"wc -l < a.txt"}"""),
            ScriptedTurn.Call("list_dir", """{"path":"."}"""),
            ScriptedTurn.Say("Done: a.txt has two lines."));
        var runner = h.Runner(chat, BuiltInTools.CreateDefault());

        var events = await LoopHarness.CollectAsync(runner.RunAsync(h.Request("make a file")));

        var done = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, done.Status);
        Assert.Equal("Done: a.txt has two lines.", done.FinalText);
        Assert.Equal(5, done.Steps);
        Assert.Equal(4, done.ToolCalls);
        Assert.Equal("alpha\nbeta\n", await File.ReadAllTextAsync(Path.Combine(h.Workspace, "a.txt")));

        var messages = await h.Store.LoadMessagesAsync(done.SessionId, CancellationToken.None);
        Assert.Equal(
            [MessageRole.User, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant],
            messages.Select(m => m.Role));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), messages.Select(m => m.Sequence));
        var shell = messages.Single(m => m.ToolName == "run_shell");
        Assert.Contains("2", shell.Text, StringComparison.Ordinal);
        Assert.False(shell.IsError);

        var usage = await h.Store.LoadUsageAsync(done.SessionId, CancellationToken.None);
        Assert.Equal(5, usage.Count);
        Assert.Equal(500, done.Usage.InputTokens);
        Assert.Equal(5, events.OfType<UsageReported>().Count());

        // The fifth call saw every earlier result, in the order they were stored.
        var lastRequest = chat.Received[4];
        Assert.Equal(ChatRole.System, lastRequest[0].Role);
        Assert.Equal(10, lastRequest.Count);
        var session = await h.Store.GetSessionAsync(done.SessionId, CancellationToken.None);
        Assert.Equal(SessionStatus.Done, session!.Status);
        Assert.Equal("make a file", session.Title);
    }

    [Fact]
    public async Task Concurrency_safe_calls_of_one_turn_run_at_the_same_time()
    {
        await using var h = await LoopHarness.CreateAsync();
        var bothInside = new CountdownEvent(2);
        var concurrent = new LambdaTool("probe", ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, async (inv, ct) =>
        {
            bothInside.Signal();
            // Each call waits until the other has started too: only possible when they overlap.
            var overlapped = await Task.Run(() => bothInside.Wait(TimeSpan.FromSeconds(10), ct), ct);
            return overlapped ? ToolResult.Ok("overlapped") : ToolResult.Error("ran alone");
        });
        var chat = ScriptedChatClient.FromTurns(
            new ScriptedTurn { ToolCalls = [ScriptedTurn.Function("probe", "{}"), ScriptedTurn.Function("probe", "{}")] },
            ScriptedTurn.Say("ok"));

        var result = await h.Runner(chat, [concurrent]).RunToCompletionAsync(h.Request("go"));

        Assert.Equal(RunStatus.Done, result.Status);
        var results = (await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None)).Where(m => m.Role == MessageRole.Tool).ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("overlapped", r.Text));
    }

    [Fact]
    public async Task Unsafe_calls_run_one_after_another_in_call_order()
    {
        await using var h = await LoopHarness.CreateAsync();
        var inside = 0;
        var maxInside = 0;
        var order = new List<string>();
        var writer = new LambdaTool("mutate", ToolTraits.Destructive, async (inv, ct) =>
        {
            var now = Interlocked.Increment(ref inside);
            maxInside = Math.Max(maxInside, now);
            lock (order)
            {
                order.Add(inv.Arguments.GetProperty("value").GetString()!);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inside);
            return ToolResult.Ok("ok");
        });
        var chat = ScriptedChatClient.FromTurns(
            new ScriptedTurn { ToolCalls = [ScriptedTurn.Function("mutate", """{"value":"1"}"""), ScriptedTurn.Function("mutate", """{"value":"2"}"""), ScriptedTurn.Function("mutate", """{"value":"3"}""")] },
            ScriptedTurn.Say("ok"));

        var result = await h.Runner(chat, [writer]).RunToCompletionAsync(h.Request("go"));

        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(1, maxInside);
        Assert.Equal(["1", "2", "3"], order);
    }

    [Fact]
    public async Task A_tool_that_throws_becomes_an_error_result_the_model_sees()
    {
        await using var h = await LoopHarness.CreateAsync();
        var boom = new LambdaTool("boom", ToolTraits.ReadOnly, (_, _) => throw new InvalidOperationException("disk on fire"));
        var chat = ScriptedChatClient.FromTurns(ScriptedTurn.Call("boom", "{}"), ScriptedTurn.Say("I saw the error and stopped."));

        var events = await LoopHarness.CollectAsync(h.Runner(chat, [boom]).RunAsync(h.Request("go")));

        var finished = Assert.Single(events.OfType<ToolFinished>());
        Assert.True(finished.IsError);
        Assert.Contains("disk on fire", finished.Preview, StringComparison.Ordinal);
        var toolMessage = chat.Received[1].Last();
        Assert.Equal(ChatRole.Tool, toolMessage.Role);
        var resultContent = Assert.IsType<FunctionResultContent>(Assert.Single(toolMessage.Contents));
        Assert.StartsWith(TranscriptMapper.ErrorPrefix, resultContent.Result?.ToString(), StringComparison.Ordinal);
        Assert.Equal(RunStatus.Done, Assert.IsType<RunCompleted>(events[^1]).Result.Status);
    }

    [Fact]
    public async Task Malformed_tool_arguments_and_unknown_tools_are_answered_with_errors_and_the_model_recovers()
    {
        await using var h = await LoopHarness.CreateAsync();
        var echo = LambdaTool.Echo();
        var chat = ScriptedChatClient.FromTurns(
            new ScriptedTurn { ToolCalls = [ScriptedTurn.Function("echo", """{"value": "unterminated"""), ScriptedTurn.Function("nope", "{}")] },
            ScriptedTurn.Call("echo", """{"value":"fixed"}"""),
            ScriptedTurn.Say("recovered"));

        var result = await h.Runner(chat, [echo]).RunToCompletionAsync(h.Request("go"));

        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(1, echo.Calls);
        var tools = (await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None)).Where(m => m.Role == MessageRole.Tool).ToList();
        Assert.Equal(3, tools.Count);
        Assert.Contains("not valid JSON", tools[0].Text, StringComparison.Ordinal);
        Assert.True(tools[0].IsError);
        Assert.Contains("Unknown tool 'nope'. Available tools: echo", tools[1].Text, StringComparison.Ordinal);
        Assert.Equal("echo:fixed", tools[2].Text);
    }

    [Fact]
    public async Task A_denied_call_does_not_run_and_the_model_is_told_why()
    {
        await using var h = await LoopHarness.CreateAsync();
        var danger = new LambdaTool("danger", ToolTraits.Destructive, (_, _) => ValueTask.FromResult(ToolResult.Ok("ran")));
        var chat = ScriptedChatClient.FromTurns(ScriptedTurn.Call("danger", "{}"), ScriptedTurn.Say("ok, I will not."));

        var result = await h.Runner(chat, [danger], new DefaultToolApprover(approveAll: false)).RunToCompletionAsync(h.Request("go"));

        Assert.Equal(0, danger.Calls);
        var denied = (await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None)).Single(m => m.Role == MessageRole.Tool);
        Assert.StartsWith("Permission denied:", denied.Text, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Done, result.Status);
    }

    [Fact]
    public async Task A_stream_dropped_midway_is_retried_without_duplicating_text_in_the_transcript()
    {
        await using var h = await LoopHarness.CreateAsync();
        var answer = "This answer is long enough to arrive in several pieces.";
        var chat = new ScriptedChatClient((_, i) => i == 0
            ? new ScriptedTurn { Text = answer, FailAfterUpdates = 2 }
            : ScriptedTurn.Say(answer));

        var events = await LoopHarness.CollectAsync(h.Runner(chat, []).RunAsync(h.Request("go")));

        var retry = Assert.Single(events.OfType<ResponseRetrying>());
        Assert.Equal(1, retry.Attempt);
        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(answer, result.FinalText);
        var assistant = (await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None)).Single(m => m.Role == MessageRole.Assistant);
        Assert.Equal(answer, assistant.Text);
        Assert.Single(await h.Store.LoadUsageAsync(result.SessionId, CancellationToken.None));
    }

    [Fact]
    public async Task A_permanent_provider_error_ends_the_run_with_provider_error()
    {
        await using var h = await LoopHarness.CreateAsync();
        var chat = new ScriptedChatClient((_, _) => throw new ModelCallException("401 Unauthorized: check OPENAI_API_KEY", isTransient: false, statusCode: 401));

        var events = await LoopHarness.CollectAsync(h.Runner(chat, []).RunAsync(h.Request("go")));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.ProviderError, result.Status);
        Assert.Contains("check OPENAI_API_KEY", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, chat.Calls);
        Assert.Contains(events, e => e is ErrorOccurred { Kind: "provider" });
    }

    [Fact]
    public async Task Transient_failures_give_up_after_the_retry_budget()
    {
        await using var h = await LoopHarness.CreateAsync();
        var chat = new ScriptedChatClient((_, _) => throw new ModelCallException("503 from server", isTransient: true, statusCode: 503));

        var result = await h.Runner(chat, []).RunToCompletionAsync(h.Request("go", limits: new AgentLimits { MaxStreamRetries = 2 }));

        Assert.Equal(RunStatus.ProviderError, result.Status);
        Assert.Equal(3, chat.Calls);
        Assert.Contains("gave up after 3 attempts", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_and_token_limits_stop_the_run_cleanly()
    {
        await using var h = await LoopHarness.CreateAsync();
        var loopForever = new ScriptedChatClient((_, _) => ScriptedTurn.Call("echo", """{"value":"again"}"""));

        var steps = await h.Runner(loopForever, [LambdaTool.Echo()]).RunToCompletionAsync(h.Request("go", limits: new AgentLimits { MaxSteps = 3 }));
        Assert.Equal(RunStatus.LimitReached, steps.Status);
        Assert.Equal(3, steps.Steps);
        Assert.Contains("Step limit of 3", steps.Error, StringComparison.Ordinal);

        var tokens = await h.Runner(loopForever, [LambdaTool.Echo()]).RunToCompletionAsync(h.Request("go", limits: new AgentLimits { MaxTokens = 250 }));
        Assert.Equal(RunStatus.LimitReached, tokens.Status);
        Assert.Equal(3, tokens.Steps);

        // Both sessions are consistent: every tool call has its result.
        foreach (var id in new[] { steps.SessionId, tokens.SessionId })
        {
            var messages = await h.Store.LoadMessagesAsync(id, CancellationToken.None);
            Assert.Equal(messages.Where(m => m.ToolCalls is not null).Sum(m => m.ToolCalls!.Count), messages.Count(m => m.Role == MessageRole.Tool));
        }
    }

    [Fact]
    public async Task Cancelling_mid_stream_leaves_a_session_that_resumes_to_completion()
    {
        await using var h = await LoopHarness.CreateAsync();
        var hold = new SemaphoreSlim(0);
        var chat = new ScriptedChatClient((messages, i) => i switch
        {
            0 => ScriptedTurn.Call("echo", """{"value":"one"}"""),
            1 => new ScriptedTurn { Text = "never finished", Gate = hold },
            _ => ScriptedTurn.Say("finished after resume"),
        });
        var runner = h.Runner(chat, [LambdaTool.Echo()]);
        using var cts = new CancellationTokenSource();

        var events = new List<AgentEvent>();
        await foreach (var e in runner.RunAsync(h.Request("go"), cts.Token))
        {
            events.Add(e);
            if (e is TurnStarted { Step: 2 })
            {
                await cts.CancelAsync();
            }
        }

        var cancelled = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        var session = await h.Store.GetSessionAsync(cancelled.SessionId, CancellationToken.None);
        Assert.Equal(SessionStatus.Cancelled, session!.Status);
        var before = await h.Store.LoadMessagesAsync(cancelled.SessionId, CancellationToken.None);
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.Tool], before.Select(m => m.Role));

        var resumed = await runner.RunToCompletionAsync(h.Request("continue", cancelled.SessionId));

        Assert.Equal(RunStatus.Done, resumed.Status);
        Assert.Equal(cancelled.SessionId, resumed.SessionId);
        Assert.Equal("finished after resume", resumed.FinalText);
        var sent = chat.Received[^1];
        Assert.Equal(["system", "user", "assistant", "tool", "user"], sent.Select(m => m.Role.Value));
    }

    [Fact]
    public async Task Cancelling_during_a_tool_call_answers_every_call_of_the_turn()
    {
        await using var h = await LoopHarness.CreateAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new LambdaTool("slow", ToolTraits.Destructive, async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ToolResult.Ok("unreachable");
        });
        var chat = ScriptedChatClient.FromTurns(new ScriptedTurn { ToolCalls = [ScriptedTurn.Function("slow", "{}"), ScriptedTurn.Function("slow", "{}")] });
        using var cts = new CancellationTokenSource();
        var run = h.Runner(chat, [slow]).RunToCompletionAsync(h.Request("go"), cts.Token);

        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        var result = await run;

        Assert.Equal(RunStatus.Cancelled, result.Status);
        var tools = (await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None)).Where(m => m.Role == MessageRole.Tool).ToList();
        Assert.Equal(2, tools.Count);
        Assert.All(tools, t => Assert.True(t.IsError));
        Assert.Equal(1, slow.Calls);
    }

    [Fact]
    public async Task Resuming_a_session_whose_process_died_mid_tool_closes_the_dangling_call()
    {
        await using var h = await LoopHarness.CreateAsync();
        var now = DateTimeOffset.UtcNow;
        var id = SessionIds.New(now);
        await h.Store.CreateSessionAsync(new SessionInfo { Id = id, CreatedAt = now, UpdatedAt = now, Status = SessionStatus.Running }, CancellationToken.None);
        await h.Store.AppendMessageAsync(id, SessionMessage.User("first", now), CancellationToken.None);
        await h.Store.AppendMessageAsync(id, new SessionMessage { Role = MessageRole.Assistant, ToolCalls = [new ToolCallRecord("call_1", "echo", """{"value":"x"}""")], Step = 1, CreatedAt = now }, CancellationToken.None);
        var chat = ScriptedChatClient.FromTurns(ScriptedTurn.Say("resumed fine"));

        var result = await h.Runner(chat, [LambdaTool.Echo()]).RunToCompletionAsync(h.Request("go on", id));

        Assert.Equal(RunStatus.Done, result.Status);
        var messages = await h.Store.LoadMessagesAsync(id, CancellationToken.None);
        var closed = messages.Single(m => m.Role == MessageRole.Tool);
        Assert.Equal("call_1", closed.ToolCallId);
        Assert.True(closed.IsError);
        Assert.Contains("Interrupted", closed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_session_id_fails_with_an_actionable_message()
    {
        await using var h = await LoopHarness.CreateAsync();
        var result = await h.Runner(ScriptedChatClient.FromTurns(), []).RunToCompletionAsync(h.Request("go", "20990101-000000-abcdef"));
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("chitin sessions list", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_sent_on_resume_is_identical_to_the_history_of_the_live_run()
    {
        await using var h = await LoopHarness.CreateAsync();
        var chat = new ScriptedChatClient((_, i) => i % 2 == 0 ? ScriptedTurn.Call("echo", $$"""{"value":"v{{i}}"}""") : ScriptedTurn.Say("reply " + i));
        var runner = h.Runner(chat, [LambdaTool.Echo()]);
        var first = await runner.RunToCompletionAsync(h.Request("one"));
        await runner.RunToCompletionAsync(h.Request("two", first.SessionId));

        // Call 2 (first call of the resumed run) must start with exactly what call 1 (the live run) sent, plus what followed.
        var live = chat.Received[1];
        var replayed = chat.Received[2];
        var serialize = (IEnumerable<ChatMessage> m) => m.Select(x => JsonSerializer.Serialize(x, AIJsonUtilities.DefaultOptions)).ToList();
        Assert.True(replayed.Count > live.Count);
        Assert.Equal(serialize(live), serialize(replayed).Take(live.Count));
    }

    [Fact]
    public async Task Cancellation_ends_a_stalled_stream_even_when_the_client_ignores_the_token()
    {
        await using var h = await LoopHarness.CreateAsync();
        using var chat = new StallingChatClient();
        using var cts = new CancellationTokenSource();
        var run = h.Runner(chat, []).RunToCompletionAsync(h.Request("go"), cts.Token);

        await chat.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Cancelled, result.Status);
        var messages = await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
        Assert.Equal([MessageRole.User], messages.Select(m => m.Role));
    }

    [Fact]
    public async Task The_model_call_timeout_ends_a_stalled_stream_and_retries()
    {
        await using var h = await LoopHarness.CreateAsync();
        using var chat = new StallingChatClient();

        var result = await h.Runner(chat, []).RunToCompletionAsync(
            h.Request("go", limits: new AgentLimits { ModelCallTimeout = TimeSpan.FromMilliseconds(200), MaxStreamRetries = 1 })).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(RunStatus.ProviderError, result.Status);
        Assert.Contains("timed out", result.Error, StringComparison.Ordinal);
    }
}
