using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;

namespace Chitin.Testing.Tests;

public sealed class AnthropicWireTests
{
    private const string Answer = "The workspace holds three files and one folder named notes.";

    [Fact]
    public async Task Non_streaming_message_has_the_real_shape_and_usage()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(
            ScriptStep.ToolCalls("Checking.", new ScriptToolCall("list_dir", """{"path":"."}"""))));

        using var response = await Raw.PostAnthropicAsync(server.BaseUrl, Raw.AnthropicRequest(stream: false, Raw.User("What is here?")));
        var json = await Raw.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("msg_", json.GetProperty("id").GetString());
        Assert.Equal("message", json.GetProperty("type").GetString());
        Assert.Equal("assistant", json.GetProperty("role").GetString());
        Assert.Equal("scripted-model", json.GetProperty("model").GetString());
        var content = json.GetProperty("content");
        Assert.Equal(2, content.GetArrayLength());
        Assert.Equal("text", content[0].GetProperty("type").GetString());
        Assert.Equal("Checking.", content[0].GetProperty("text").GetString());
        Assert.Equal("tool_use", content[1].GetProperty("type").GetString());
        Assert.StartsWith("toolu_", content[1].GetProperty("id").GetString());
        Assert.Equal("list_dir", content[1].GetProperty("name").GetString());
        Assert.Equal(".", content[1].GetProperty("input").GetProperty("path").GetString());
        Assert.Equal("tool_use", json.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("stop_sequence").ValueKind);

        var usage = json.GetProperty("usage");
        Assert.Equal(server.Requests[0].PromptTokens, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.InRange(usage.GetProperty("output_tokens").GetInt32(), 5, 20);
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("request-id").Single()));
    }

    [Fact]
    public async Task Streaming_sends_the_documented_event_sequence_with_text_in_several_deltas()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));

        using var response = await Raw.PostAnthropicAsync(server.BaseUrl, Raw.AnthropicRequest(stream: true, Raw.User("What is here?")));
        var events = await Raw.EventsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, e => Assert.Equal(e.Name, e.Json.GetProperty("type").GetString()));
        var names = events.Select(e => e.Name).ToList();
        Assert.Equal(["message_start", "ping", "content_block_start"], names[..3]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names[^3..]);
        Assert.All(names[3..^3], n => Assert.Equal("content_block_delta", n));
        Assert.True(names.Count(n => n == "content_block_delta") >= 3, "text should stream in several deltas");

        var start = events[0].Json.GetProperty("message");
        Assert.StartsWith("msg_", start.GetProperty("id").GetString());
        Assert.Equal(0, start.GetProperty("content").GetArrayLength());
        Assert.Equal(server.Requests[0].PromptTokens, start.GetProperty("usage").GetProperty("input_tokens").GetInt32());

        var text = string.Concat(events.Where(e => e.Name == "content_block_delta")
            .Select(e => e.Json.GetProperty("delta"))
            .Select(d => { Assert.Equal("text_delta", d.GetProperty("type").GetString()); return d.GetProperty("text").GetString(); }));
        Assert.Equal(Answer, text);

        var delta = events[^2].Json;
        Assert.Equal("end_turn", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.InRange(delta.GetProperty("usage").GetProperty("output_tokens").GetInt32(), 8, 20);
        Assert.Equal(server.Requests[0].PromptTokens, delta.GetProperty("usage").GetProperty("input_tokens").GetInt32());
    }

    [Fact]
    public async Task Streamed_tool_use_input_arrives_as_several_partial_json_pieces_that_form_valid_json()
    {
        const string arguments = """{"path":"notes/plan.md","content":"# Plan\n\n- one\n- two\n"}""";
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.ToolCalls(
            new ScriptToolCall("write_file", arguments),
            new ScriptToolCall("list_dir", """{"path":"notes"}""", Id: "toolu_fixed"))));

        using var response = await Raw.PostAnthropicAsync(server.BaseUrl, Raw.AnthropicRequest(stream: true, Raw.User("Write")));
        var events = await Raw.EventsAsync(response);

        var starts = events.Where(e => e.Name == "content_block_start").Select(e => e.Json).ToList();
        Assert.Equal([0, 1], starts.Select(s => s.GetProperty("index").GetInt32()));
        Assert.All(starts, s => Assert.Equal("tool_use", s.GetProperty("content_block").GetProperty("type").GetString()));
        Assert.Equal("write_file", starts[0].GetProperty("content_block").GetProperty("name").GetString());
        Assert.Equal("toolu_fixed", starts[1].GetProperty("content_block").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Object, starts[0].GetProperty("content_block").GetProperty("input").ValueKind);

        var pieces = events.Where(e => e.Name == "content_block_delta" && e.Json.GetProperty("index").GetInt32() == 0)
            .Select(e => e.Json.GetProperty("delta"))
            .Select(d => { Assert.Equal("input_json_delta", d.GetProperty("type").GetString()); return d.GetProperty("partial_json").GetString()!; })
            .ToList();
        Assert.True(pieces.Count(p => p.Length > 0) >= 2, "input should stream in several pieces");
        var input = JsonDocument.Parse(string.Concat(pieces)).RootElement;
        Assert.Equal("notes/plan.md", input.GetProperty("path").GetString());
        Assert.Equal("# Plan\n\n- one\n- two\n", input.GetProperty("content").GetString());
        Assert.Equal(2, events.Count(e => e.Name == "content_block_stop"));
        Assert.Equal("tool_use", events[^2].Json.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task The_request_is_normalised_with_system_blocks_tool_uses_and_error_results()
    {
        ScriptRequest? seen = null;
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request =>
        {
            seen = request;
            return ScriptStep.Text("ok");
        }));
        var body = JsonNode.Parse("""
            {
              "model": "claude-test", "max_tokens": 100,
              "system": [{"type":"text","text":"Rule one."},{"type":"text","text":"Rule two.","cache_control":{"type":"ephemeral"}}],
              "tools": [{"name":"run_shell","description":"Runs a command","input_schema":{"type":"object"}}],
              "messages": [
                {"role":"user","content":"Count the lines"},
                {"role":"assistant","content":[{"type":"text","text":"Running wc."},{"type":"tool_use","id":"toolu_1","name":"run_shell","input":{"command":"wc -l x"}}]},
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":[{"type":"text","text":"permission denied"}]}]}
              ]
            }
            """)!.AsObject();

        using var response = await Raw.PostAnthropicAsync(server.BaseUrl, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(seen);
        Assert.Equal(WireFormat.Anthropic, seen.WireFormat);
        Assert.Equal("claude-test", seen.Model);
        Assert.False(seen.Stream);
        Assert.Equal("Rule one.\n\nRule two.", seen.SystemPrompt);
        Assert.Equal(["run_shell"], seen.ToolNames);
        Assert.Equal([ScriptRole.User, ScriptRole.Assistant, ScriptRole.User], seen.Messages.Select(m => m.Role));
        Assert.Equal("Count the lines", seen.LastUserText);
        var call = Assert.Single(seen.Messages[1].ToolCalls);
        Assert.Equal(new ScriptToolCall("run_shell", """{"command":"wc -l x"}""", "toolu_1"), call);
        var result = Assert.Single(seen.LastToolResults);
        Assert.Equal(new ScriptToolResult("toolu_1", "permission denied", IsError: true), result);
        Assert.Equal(1, seen.ToolResultCount);
        Assert.Equal("run_shell", seen.FindToolCall("toolu_1")?.Name);
        Assert.True(server.Requests[0].CacheWriteTokens > 0, "the system block carries a cache breakpoint");
    }

    [Fact]
    public async Task Missing_max_tokens_is_a_400_in_anthropic_error_shape()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")));
        var body = Raw.AnthropicRequest(stream: false, Raw.User("hi"));
        body.Remove("max_tokens");

        using var response = await Raw.PostAnthropicAsync(server.BaseUrl, body);
        var json = await Raw.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("max_tokens", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("req_", json.GetProperty("request_id").GetString());
        Assert.Equal(0, server.Script.StepsConsumed);
    }

    [Fact]
    public async Task Scripted_errors_use_the_anthropic_error_type_for_their_status()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Error(529, "Overloaded")));

        using var response = await Raw.PostAnthropicAsync(server.BaseUrl, Raw.AnthropicRequest(stream: true, Raw.User("hi")));
        var json = await Raw.JsonAsync(response);

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal("overloaded_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("Overloaded", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Models_endpoint_answers_in_anthropic_shape_when_asked_by_an_anthropic_client()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")));
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/v1/models");
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await Raw.Http.SendAsync(request);
        var json = await Raw.JsonAsync(response);

        Assert.Equal("scripted-model", json.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal("model", json.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.False(json.GetProperty("has_more").GetBoolean());
        Assert.Equal(WireFormat.Anthropic, server.Requests[0].WireFormat);
    }
}
