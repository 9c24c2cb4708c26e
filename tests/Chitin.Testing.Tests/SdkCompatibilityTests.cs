using System.Net.Http;
using System.Text.Json;
using Anthropic.Models.Messages;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;
using Microsoft.Extensions.AI;

namespace Chitin.Testing.Tests;

/// <summary>The proof that the server is faithful: the official OpenAI and Anthropic SDKs, through Microsoft.Extensions.AI.</summary>
public sealed class SdkCompatibilityTests
{
    private const string Answer = "I looked at the workspace and everything is in order, nothing to fix.";

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Streams_text_in_several_updates_with_usage(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        var client = Sdk.Client(format, server);

        var updates = await Sdk.StreamAsync(client, [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Check the workspace")], Sdk.WithTools("list_dir"));
        var response = updates.ToChatResponse();

        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3, "text should arrive in several deltas");
        Assert.Equal(Answer, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var recorded = Assert.Single(server.Requests);
        Assert.Equal(format == Sdk.OpenAI ? WireFormat.OpenAI : WireFormat.Anthropic, recorded.WireFormat);
        Assert.True(recorded.Parsed!.Stream);
        Assert.Equal("Be brief.", recorded.Parsed.SystemPrompt);
        Assert.Equal(["list_dir"], recorded.Parsed.ToolNames);
        Assert.Equal("Check the workspace", recorded.Parsed.LastUserText);
        Assert.NotNull(response.Usage);
        Assert.Equal(recorded.PromptTokens, response.Usage.InputTokenCount);
        Assert.InRange(response.Usage.OutputTokenCount!.Value, 10, 25);
        Assert.Equal(0, response.Usage.CachedInputTokenCount ?? 0);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Streams_tool_calls_that_arrive_with_parsed_arguments(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.ToolCalls(
            "Let me look around first.",
            new ScriptToolCall("list_dir", """{"path":"src/deeply/nested/folder"}"""),
            new ScriptToolCall("run_shell", """{"command":"wc -l notes/plan.md","timeout_seconds":30}"""))));
        var client = Sdk.Client(format, server);

        var response = (await Sdk.StreamAsync(client, [new(ChatRole.User, "Look")], Sdk.WithTools("list_dir", "run_shell"))).ToChatResponse();

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["list_dir", "run_shell"], calls.Select(c => c.Name));
        Assert.All(calls, c => Assert.StartsWith(Sdk.CallIdPrefix(format), c.CallId));
        Assert.Equal(2, calls.Select(c => c.CallId).Distinct().Count());
        Assert.Equal("src/deeply/nested/folder", ((JsonElement)calls[0].Arguments!["path"]!).GetString());
        Assert.Equal("wc -l notes/plan.md", ((JsonElement)calls[1].Arguments!["command"]!).GetString());
        Assert.Equal(30, ((JsonElement)calls[1].Arguments!["timeout_seconds"]!).GetInt32());
        Assert.Null(calls[0].Exception);
        Assert.Equal("Let me look around first.", response.Text);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Non_streaming_responses_carry_text_tool_calls_and_usage(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"README.md"}""")),
            ScriptStep.Text(Answer)));
        var client = Sdk.Client(format, server);
        List<ChatMessage> messages = [new(ChatRole.User, "Read the readme")];

        var first = await client.GetResponseAsync(messages, Sdk.WithTools("read_file"));
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        messages.AddMessages(first);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "# Readme\nHello.")]));
        var second = await client.GetResponseAsync(messages, Sdk.WithTools("read_file"));

        Assert.Equal("README.md", ((JsonElement)call.Arguments!["path"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(Answer, second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.False(server.Requests[1].Parsed!.Stream);
        var result = Assert.Single(server.Requests[1].Parsed!.LastToolResults);
        Assert.Equal(call.CallId, result.CallId);
        Assert.Equal("# Readme\nHello.", result.Content);
        Assert.Equal(server.Requests[1].PromptTokens, second.Usage!.InputTokenCount);
        Assert.Equal(server.Requests[1].CachedTokens, second.Usage.CachedInputTokenCount);
        Assert.True(second.Usage.CachedInputTokenCount > 0, "the second turn repeats the first turn's prefix");
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Cached_tokens_grow_as_the_conversation_grows(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
            ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"a.txt"}""")),
            ScriptStep.Text("done")));
        var client = Sdk.Client(format, server);
        var options = Sdk.WithTools("list_dir", "read_file");
        List<ChatMessage> messages = [new(ChatRole.System, "You are a file explorer. " + string.Concat(Enumerable.Repeat("Be careful. ", 40))), new(ChatRole.User, "Explore")];
        var usages = new List<UsageDetails>();

        for (var turn = 0; turn < 3; turn++)
        {
            var response = (await Sdk.StreamAsync(client, messages, options)).ToChatResponse();
            usages.Add(response.Usage!);
            messages.AddMessages(response);
            foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
            {
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "a.txt\nb.txt\nnotes/")]));
            }
        }

        Assert.Equal(0, usages[0].CachedInputTokenCount ?? 0);
        Assert.True(usages[1].CachedInputTokenCount > 100, $"turn 2 cached {usages[1].CachedInputTokenCount}");
        Assert.True(usages[2].CachedInputTokenCount > usages[1].CachedInputTokenCount);
        Assert.True(usages[2].InputTokenCount > usages[1].InputTokenCount);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(server.Requests[i].PromptTokens, usages[i].InputTokenCount);
            Assert.Equal(server.Requests[i].CachedTokens, usages[i].CachedInputTokenCount ?? 0);
            Assert.True(usages[i].CachedInputTokenCount < usages[i].InputTokenCount);
        }
    }

    [Fact]
    public async Task Anthropic_cache_control_breakpoints_report_cache_creation_then_cache_reads()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("one"), ScriptStep.Text("two")));
        var client = Sdk.Client(Sdk.Anthropic, server);
        var system = new TextContent("You are a meticulous assistant. " + string.Concat(Enumerable.Repeat("Follow the rules. ", 50))).WithCacheControl(Ttl.Ttl5m);

        var first = (await Sdk.StreamAsync(client, [new(ChatRole.System, [system]), new(ChatRole.User, "First question")])).ToChatResponse();
        var second = (await Sdk.StreamAsync(client, [new(ChatRole.System, [system]), new(ChatRole.User, "Second question")])).ToChatResponse();

        var firstRecorded = server.Requests[0];
        Assert.Contains("cache_control", firstRecorded.Body, StringComparison.Ordinal);
        Assert.True(firstRecorded.CacheWriteTokens > 150, $"the system prompt is written to the cache ({firstRecorded.CacheWriteTokens})");
        Assert.Equal(firstRecorded.CacheWriteTokens, first.Usage!.AdditionalCounts!["CacheCreationInputTokens"]);
        Assert.Equal(0, first.Usage.CachedInputTokenCount ?? 0);
        Assert.Equal(firstRecorded.PromptTokens, first.Usage.InputTokenCount);

        var secondRecorded = server.Requests[1];
        Assert.True(second.Usage!.CachedInputTokenCount >= firstRecorded.CacheWriteTokens, "the cached system prompt is read back");
        Assert.Equal(secondRecorded.CachedTokens, second.Usage.CachedInputTokenCount);
        Assert.Equal(secondRecorded.PromptTokens, second.Usage.InputTokenCount);
        Assert.False(second.Usage.AdditionalCounts?.ContainsKey("CacheCreationInputTokens") ?? false);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task A_stream_cut_mid_way_surfaces_as_an_exception_and_the_retry_gets_the_same_answer(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        server.Faults.Enqueue(Fault.CutStreamAfter(4));
        var client = Sdk.Client(format, server);
        var received = new List<ChatResponseUpdate>();

        var exception = await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Check"))
            {
                received.Add(update);
            }
        });
        var retry = (await Sdk.StreamAsync(client, [new(ChatRole.User, "Check")])).ToChatResponse();

        Assert.IsType<HttpIOException>(exception);
        Assert.NotEmpty(received);
        var partial = string.Concat(received.Select(u => u.Text));
        Assert.True(partial.Length < Answer.Length, "the cut stream must not deliver the whole answer");
        Assert.StartsWith(partial, Answer, StringComparison.Ordinal);
        Assert.Equal(Answer, retry.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(FaultKind.CutStreamAfter, server.Requests[0].FaultApplied!.Kind);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task The_sdks_own_retries_get_past_a_rate_limit_and_the_step_is_kept_for_them(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("after the wait")));
        server.Faults.Enqueue(Fault.RateLimited(retryAfterSeconds: 0));
        var client = Sdk.Client(format, server, maxRetries: 2);

        var response = await client.GetResponseAsync("hello");

        Assert.Equal("after the wait", response.Text);
        Assert.Equal([429, 200], server.Requests.Select(r => r.StatusCode));
        Assert.Equal(FaultKind.RateLimited, server.Requests[0].FaultApplied!.Kind);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Scripted_errors_reach_the_caller_with_their_message(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Error(400, "prompt is too long: 250000 tokens > 200000 maximum")));
        var client = Sdk.Client(format, server);

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync("hello"));

        Assert.Contains("prompt is too long", exception.Message, StringComparison.Ordinal);
        Assert.Equal(400, Assert.Single(server.Requests).StatusCode);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Malformed_tool_call_json_reaches_the_caller_as_unparsable_arguments(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes/plan.md"}"""))));
        server.Faults.Enqueue(Fault.MalformedToolCallJson());
        var client = Sdk.Client(format, server);

        var response = (await Sdk.StreamAsync(client, [new(ChatRole.User, "read")], Sdk.WithTools("read_file"))).ToChatResponse();

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.NotNull(call.Exception);
        Assert.Equal(1, server.Script.StepsConsumed);
    }
}
