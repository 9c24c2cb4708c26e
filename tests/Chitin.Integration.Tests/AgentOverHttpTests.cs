using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Sessions;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;

namespace Chitin.Integration.Tests;

public sealed class AgentOverHttpTests
{
    public static TheoryData<WireFormat> Formats => new() { WireFormat.OpenAI, WireFormat.Anthropic };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_five_step_tool_task_completes_and_every_step_is_stored(WireFormat format)
    {
        var script = ModelScript.FromSteps(
            ScriptStep.ToolCalls("Let me look around.", new ScriptToolCall("list_dir", """{"path":"."}""")),
            ScriptStep.ToolCalls(new ScriptToolCall("write_file", """{"path":"src/hello.txt","content":"hello\nworld\n"}""")),
            ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"grep -c o src/hello.txt"}""")),
            ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"src/hello.txt"}""")),
            ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"src"}""")),
            ScriptStep.Text("hello.txt has 2 lines containing 'o'."));
        await using var live = await LiveLoop.StartAsync(format, script);

        var events = await live.RunAsync(live.Request("Create hello.txt and count lines with o"));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(6, result.Steps);
        Assert.Equal(5, result.ToolCalls);
        Assert.Equal("hello.txt has 2 lines containing 'o'.", result.FinalText);
        Assert.Equal("hello\nworld\n", await File.ReadAllTextAsync(Path.Combine(live.Workspace, "src", "hello.txt")));

        // What the model received: the grep result travelled back over the wire in the fourth request.
        var requests = live.Server.Requests;
        Assert.Equal(6, requests.Count);
        var grepResult = requests[3].Parsed!.LastToolResults.Single();
        Assert.Matches(@"(?m)^2\s*$", grepResult.Content);

        // The prefix cache saw a growing, append-only prompt: later calls are mostly cached.
        var usage = await live.Store.LoadUsageAsync(result.SessionId, CancellationToken.None);
        Assert.Equal(6, usage.Count);
        Assert.Equal(0, usage[0].CachedInputTokens);
        Assert.All(usage.Skip(1), u => Assert.True(u.CachedInputTokens > 0 && u.CachedInputTokens < u.InputTokens, $"step {u.Step}: {u.CachedInputTokens}/{u.InputTokens}"));
        Assert.Equal(usage.Sum(u => u.InputTokens), result.Usage.InputTokens);
        Assert.True(result.Usage.CacheHitRate > 0.5, $"cache hit rate {result.Usage.CacheHitRate}");

        var messages = await live.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
        Assert.Equal(12, messages.Count);
        Assert.Equal("Let me look around.", messages[1].Text);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Several_tool_calls_of_one_turn_all_get_results_in_the_next_request(WireFormat format)
    {
        var script = ModelScript.FromSteps(
            ScriptStep.ToolCalls(
                new ScriptToolCall("read_file", """{"path":"a.txt"}"""),
                new ScriptToolCall("read_file", """{"path":"b.txt"}"""),
                new ScriptToolCall("list_dir", """{"path":"."}""")),
            ScriptStep.Text("read both"));
        await using var live = await LiveLoop.StartAsync(format, script);
        await File.WriteAllTextAsync(Path.Combine(live.Workspace, "a.txt"), "AAA");
        await File.WriteAllTextAsync(Path.Combine(live.Workspace, "b.txt"), "BBB");

        var events = await live.RunAsync(live.Request("read them"));

        Assert.Equal(RunStatus.Done, Assert.IsType<RunCompleted>(events[^1]).Result.Status);
        var results = live.Server.Requests[1].Parsed!.LastToolResults;
        Assert.Equal(3, results.Count);
        Assert.Contains(results, r => r.Content.Contains("AAA", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Content.Contains("BBB", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Content.Contains("a.txt", StringComparison.Ordinal) && r.Content.Contains("b.txt", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_429_with_retry_after_is_waited_out_and_the_task_succeeds(WireFormat format)
    {
        await using var live = await LiveLoop.StartAsync(format, ModelScript.FromSteps(ScriptStep.Text("fine after the wait")));
        live.Server.Faults.Enqueue(Fault.RateLimited(1));

        var events = await live.RunAsync(live.Request("hi"));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal("fine after the wait", result.FinalText);
        var requests = live.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900), "Retry-After was not honoured");
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_stream_cut_midway_is_retried_and_the_transcript_has_the_text_once(WireFormat format)
    {
        const string answer = "The quick brown fox jumps over the lazy dog, and then it does so again for good measure.";
        await using var live = await LiveLoop.StartAsync(format, ModelScript.FromSteps(ScriptStep.Text(answer)));
        live.Server.Faults.Enqueue(Fault.CutStreamAfter(4));

        var events = await live.RunAsync(live.Request("tell me"));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(answer, result.FinalText);
        Assert.Single(events.OfType<ResponseRetrying>());
        var assistant = (await live.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None)).Single(m => m.Role == MessageRole.Assistant);
        Assert.Equal(answer, assistant.Text);
        Assert.Equal(2, live.Server.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Malformed_tool_call_json_gets_an_error_result_and_the_model_recovers(WireFormat format)
    {
        var script = ModelScript.FromResponder(request => request.Index switch
        {
            0 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.txt"}""")),
            1 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.txt"}""")),
            _ => ScriptStep.Text("recovered: " + request.LastToolResults.Single().Content.Trim()),
        });
        await using var live = await LiveLoop.StartAsync(format, script);
        await File.WriteAllTextAsync(Path.Combine(live.Workspace, "notes.txt"), "the secret word is kelp");
        live.Server.Faults.Enqueue(Fault.MalformedToolCallJson());

        var events = await live.RunAsync(live.Request("read notes"));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Contains("kelp", result.FinalText, StringComparison.Ordinal);
        var tools = (await live.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None)).Where(m => m.Role == MessageRole.Tool).ToList();
        Assert.Equal(2, tools.Count);
        Assert.True(tools[0].IsError);
        Assert.Contains("not valid JSON", tools[0].Text, StringComparison.Ordinal);
        Assert.False(tools[1].IsError);
        var errorSeenByModel = live.Server.Requests[1].Parsed!.LastToolResults.Single();
        Assert.Contains("not valid JSON", errorSeenByModel.Content, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Cancelling_mid_stream_leaves_a_session_that_resumes_over_http(WireFormat format)
    {
        var script = ModelScript.FromResponder(request => request.ToolResultCount switch
        {
            0 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
            _ => ScriptStep.Text("Finished: listed the folder."),
        });
        await using var live = await LiveLoop.StartAsync(format, script);
        live.Server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.Zero));
        live.Server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.FromMinutes(5)));
        using var cts = new CancellationTokenSource();

        var events = new List<AgentEvent>();
        await foreach (var e in live.Runner().RunAsync(live.Request("list it"), cts.Token))
        {
            events.Add(e);
            if (e is TurnStarted { Step: 2 })
            {
                // Cancel only once the slow call is really in flight at the server.
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (live.Server.Requests.Count < 2 && DateTime.UtcNow < deadline)
                {
                    await Task.Yield();
                }

                Assert.Equal(0, live.Server.Faults.Count);
                await cts.CancelAsync();
            }
        }

        var cancelled = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        var stored = await live.Store.LoadMessagesAsync(cancelled.SessionId, CancellationToken.None);
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.Tool], stored.Select(m => m.Role));

        var resumed = await live.Runner().RunToCompletionAsync(live.Request("please finish", cancelled.SessionId));

        Assert.Equal(RunStatus.Done, resumed.Status);
        Assert.Equal("Finished: listed the folder.", resumed.FinalText);
        var last = live.Server.Requests[^1].Parsed!;
        Assert.Equal("please finish", last.LastUserText);
        Assert.Equal(1, last.ToolResultCount);
    }
}
