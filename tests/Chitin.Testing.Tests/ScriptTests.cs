using System.Net;
using System.Text.Json.Nodes;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;

namespace Chitin.Testing.Tests;

public sealed class ScriptTests
{
    [Fact]
    public async Task Steps_are_consumed_in_order_and_exhaustion_is_a_clear_500()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("one"), ScriptStep.Text("two")));

        var texts = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: false, Raw.User("next")));
            texts.Add((await Raw.JsonAsync(response)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
        }

        using var openAIExhausted = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: true, Raw.User("more")));
        using var anthropicExhausted = await Raw.PostAnthropicAsync(server.BaseUrl, Raw.AnthropicRequest(stream: true, Raw.User("more")));

        Assert.Equal(["one", "two"], texts);
        Assert.Equal(HttpStatusCode.InternalServerError, openAIExhausted.StatusCode);
        Assert.Equal("scripted model: script exhausted after 2 steps",
            (await Raw.JsonAsync(openAIExhausted)).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("scripted model: script exhausted after 2 steps",
            (await Raw.JsonAsync(anthropicExhausted)).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(2, server.Script.StepsConsumed);
        Assert.Equal(2, server.Script.StepCount);
        Assert.Equal([200, 200, 500, 500], server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task An_error_step_is_answered_with_its_status_and_consumed()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Error(400, "context too long"), ScriptStep.Text("fine")));

        using var failed = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: false, Raw.User("x")));
        using var next = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: false, Raw.User("x")));

        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Equal("context too long", (await Raw.JsonAsync(failed)).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("fine", (await Raw.JsonAsync(next)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_responder_sees_the_openai_conversation_normalised()
    {
        var seen = new List<ScriptRequest>();
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request =>
        {
            lock (seen)
            {
                seen.Add(request);
            }

            return ScriptStep.Text($"request {request.Index} with {request.ToolResultCount} results");
        }));
        var body = JsonNode.Parse("""
            {
              "model": "gpt-test", "stream": true,
              "tools": [{"type":"function","function":{"name":"list_dir","parameters":{"type":"object"}}},
                        {"type":"function","function":{"name":"read_file","parameters":{"type":"object"}}}],
              "messages": [
                {"role":"developer","content":"Be precise."},
                {"role":"user","content":[{"type":"text","text":"Look at"},{"type":"text","text":"the folder"}]},
                {"role":"assistant","content":null,"tool_calls":[
                  {"id":"call_a","type":"function","function":{"name":"list_dir","arguments":"{\"path\":\".\"}"}},
                  {"id":"call_b","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"a.txt\"}"}}]},
                {"role":"tool","tool_call_id":"call_a","content":"a.txt"},
                {"role":"tool","tool_call_id":"call_b","content":[{"type":"text","text":"hello"}]}
              ]
            }
            """)!.AsObject();

        using (await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: false, Raw.User("warm-up"))))
        {
        }

        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, body);
        var text = string.Concat(Sse.Parse(await response.Content.ReadAsStringAsync())[..^1]
            .Select(e => e.Json.GetProperty("choices"))
            .Where(c => c.GetArrayLength() == 1 && c[0].GetProperty("delta").TryGetProperty("content", out _))
            .Select(c => c[0].GetProperty("delta").GetProperty("content").GetString()));

        var request = seen[1];
        Assert.Equal("request 1 with 2 results", text);
        Assert.Equal(WireFormat.OpenAI, request.WireFormat);
        Assert.Equal("gpt-test", request.Model);
        Assert.True(request.Stream);
        Assert.Equal(1, request.Index);
        Assert.Equal("Be precise.", request.SystemPrompt);
        Assert.Equal(["list_dir", "read_file"], request.ToolNames);
        Assert.Equal([ScriptRole.User, ScriptRole.Assistant, ScriptRole.Tool, ScriptRole.Tool], request.Messages.Select(m => m.Role));
        Assert.Equal("Look at\nthe folder", request.LastUserText);
        Assert.Equal(
            [new ScriptToolCall("list_dir", """{"path":"."}""", "call_a"), new ScriptToolCall("read_file", """{"path":"a.txt"}""", "call_b")],
            request.Messages[1].ToolCalls);
        Assert.Equal([new ScriptToolResult("call_a", "a.txt"), new ScriptToolResult("call_b", "hello")], request.LastToolResults);
        Assert.Equal("read_file", request.FindToolCall("call_b")?.Name);
        Assert.Same(request, server.Requests[1].Parsed);
    }

    [Fact]
    public void Last_tool_results_are_empty_when_the_conversation_ends_with_user_text()
    {
        var request = new ScriptRequest
        {
            WireFormat = WireFormat.Anthropic,
            Model = "m",
            Stream = false,
            Index = 0,
            ToolNames = [],
            Messages =
            [
                new ScriptMessage(ScriptRole.Assistant, string.Empty, [new ScriptToolCall("x", "{}", "t1")], []),
                new ScriptMessage(ScriptRole.User, string.Empty, [], [new ScriptToolResult("t1", "done")]),
                new ScriptMessage(ScriptRole.Assistant, "All done.", [], []),
                new ScriptMessage(ScriptRole.User, "Thanks, now stop.", [], []),
            ],
        };

        Assert.Empty(request.LastToolResults);
        Assert.Equal(1, request.ToolResultCount);
        Assert.Equal("Thanks, now stop.", request.LastUserText);
    }

    [Fact]
    public async Task A_throwing_responder_becomes_a_500_that_names_the_problem()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => throw new InvalidOperationException("no plan for this")));

        using var response = await Raw.PostAnthropicAsync(server.BaseUrl, Raw.AnthropicRequest(stream: false, Raw.User("x")));
        var message = (await Raw.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("scripted model: the responder threw InvalidOperationException: no plan for this", message);
    }

    [Fact]
    public void Steps_reject_invalid_tool_calls_and_statuses()
    {
        var notJson = Assert.Throws<ArgumentException>(() => ScriptStep.ToolCalls(new ScriptToolCall("read_file", "{path: x")));
        Assert.Contains("read_file", notJson.Message, StringComparison.Ordinal);
        Assert.Contains("MalformedToolCallJson", notJson.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ScriptStep.ToolCalls(new ScriptToolCall("read_file", "[1,2]")));
        Assert.Throws<ArgumentException>(() => ScriptStep.ToolCalls(new ScriptToolCall(" ", "{}")));
        Assert.Throws<ArgumentException>(() => ScriptStep.ToolCalls());
        Assert.Throws<ArgumentOutOfRangeException>(() => ScriptStep.Error(200, "not an error"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScriptStep.Text("x").WithReasoningTokens(-1));
    }
}
