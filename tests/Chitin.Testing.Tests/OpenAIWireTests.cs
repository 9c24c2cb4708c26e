using System.Net;
using System.Text;
using System.Text.Json;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;

namespace Chitin.Testing.Tests;

public sealed class OpenAIWireTests
{
    private const string Answer = "The workspace holds three files and one folder named notes.";

    [Fact]
    public async Task Non_streaming_completion_has_the_real_shape_and_usage()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));

        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: false, Raw.User("What is here?")));
        var json = await Raw.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString());
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.Equal("scripted-model", json.GetProperty("model").GetString());
        var choice = json.GetProperty("choices")[0];
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(Answer, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());

        var usage = json.GetProperty("usage");
        var prompt = usage.GetProperty("prompt_tokens").GetInt32();
        var completion = usage.GetProperty("completion_tokens").GetInt32();
        Assert.Equal(server.Requests[0].PromptTokens, prompt);
        Assert.InRange(prompt, 40, 200); // system prompt + tool schema + one user line
        Assert.InRange(completion, 8, 20); // a dozen words
        Assert.Equal(prompt + completion, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task Streaming_text_arrives_in_several_chunks_then_finish_usage_and_done()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));

        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: true, Raw.User("What is here?")));
        var events = await Raw.EventsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, e => Assert.Null(e.Name));
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events[..^1].Select(e => e.Json).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());

        var contentChunks = chunks.Where(c => c.GetProperty("choices").GetArrayLength() == 1
            && c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var content)
            && content.GetString()!.Length > 0).ToList();
        Assert.True(contentChunks.Count >= 3, $"expected several text deltas, got {contentChunks.Count}");
        var text = string.Concat(contentChunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal(Answer, text);

        var finish = chunks[^2].GetProperty("choices")[0];
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
        var usageChunk = chunks[^1];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.Equal(server.Requests[0].PromptTokens, usageChunk.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
    }

    [Fact]
    public async Task Streaming_without_include_usage_sends_no_usage_chunk()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("ok")));
        var body = Raw.OpenAIRequest(stream: true, Raw.User("hi"));
        body.Remove("stream_options");

        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, body);
        var events = await Raw.EventsAsync(response);

        Assert.Equal("[DONE]", events[^1].Data);
        Assert.All(events[..^1], e =>
        {
            Assert.False(e.Json.TryGetProperty("usage", out _));
            Assert.Equal(1, e.Json.GetProperty("choices").GetArrayLength());
        });
        Assert.Equal("stop", events[^2].Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Streamed_tool_calls_carry_index_id_name_and_arguments_in_pieces_that_form_valid_json()
    {
        const string readArguments = """{"path":"notes/plan.md","encoding":"utf-8"}""";
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.ToolCalls(
            "Let me look.",
            new ScriptToolCall("list_dir", """{"path":"."}"""),
            new ScriptToolCall("read_file", readArguments, Id: "call_fixed"))));

        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: true, Raw.User("Look around")));
        var chunks = (await Raw.EventsAsync(response))[..^1].Select(e => e.Json).ToList();

        var toolDeltas = chunks
            .Where(c => c.GetProperty("choices").GetArrayLength() == 1 && c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("tool_calls", out _))
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0])
            .ToList();
        var byIndex = toolDeltas.GroupBy(d => d.GetProperty("index").GetInt32()).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal([0, 1], byIndex.Keys.Order());

        var first = byIndex[0];
        Assert.StartsWith("call_", first[0].GetProperty("id").GetString());
        Assert.Equal("function", first[0].GetProperty("type").GetString());
        Assert.Equal("list_dir", first[0].GetProperty("function").GetProperty("name").GetString());
        Assert.All(first.Skip(1), d => Assert.False(d.TryGetProperty("id", out _)));
        Assert.Equal("call_fixed", byIndex[1][0].GetProperty("id").GetString());

        var pieces = byIndex[1].Select(d => d.GetProperty("function").GetProperty("arguments").GetString()!).Where(p => p.Length > 0).ToList();
        Assert.True(pieces.Count >= 2, $"arguments should stream in several pieces, got {pieces.Count}");
        var arguments = string.Concat(pieces);
        Assert.Equal(readArguments, arguments);
        Assert.Equal("notes/plan.md", JsonDocument.Parse(arguments).RootElement.GetProperty("path").GetString());
        Assert.Equal("""{"path":"."}""", string.Concat(byIndex[0].Select(d => d.GetProperty("function").GetProperty("arguments").GetString())));

        Assert.Equal("tool_calls", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var completionTokens = chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        Assert.InRange(completionTokens, 15, 40); // "Let me look." + two names + two argument objects
    }

    [Fact]
    public async Task Non_streaming_tool_calls_have_null_content_and_string_arguments()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"ls -la"}"""))));

        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: false, Raw.User("list")));
        var choice = (await Raw.JsonAsync(response)).GetProperty("choices")[0];

        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("content").ValueKind);
        var call = choice.GetProperty("message").GetProperty("tool_calls")[0];
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("run_shell", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("ls -la", JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("command").GetString());
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Reasoning_tokens_are_reported_and_counted_in_completion_tokens()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("ok").WithReasoningTokens(250)));

        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: false, Raw.User("think")));
        var usage = (await Raw.JsonAsync(response)).GetProperty("usage");

        Assert.Equal(250, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(251, usage.GetProperty("completion_tokens").GetInt32()); // "ok" is one token
    }

    [Fact]
    public async Task Models_endpoint_lists_the_configured_models()
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("x")),
            new ScriptedModelServerOptions { Models = ["model-a", "model-b"] });

        using var response = await Raw.Http.GetAsync(server.BaseUrl + "/v1/models");
        var json = await Raw.JsonAsync(response);

        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Equal(["model-a", "model-b"], json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.All(json.GetProperty("data").EnumerateArray(), m => Assert.Equal("model", m.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task Malformed_json_gets_a_400_in_openai_error_shape_and_is_recorded()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")));

        using var response = await Raw.PostAsync(server.BaseUrl + "/v1/chat/completions", """{"model":"scripted-model","messages":[""");
        var error = (await Raw.JsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("not valid JSON", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var recorded = Assert.Single(server.Requests);
        Assert.Null(recorded.Parsed);
        Assert.Equal(400, recorded.StatusCode);
        Assert.Equal("""{"model":"scripted-model","messages":[""", recorded.Body);
        Assert.Equal(0, server.Script.StepsConsumed);
    }

    [Fact]
    public async Task A_request_without_messages_names_the_missing_field()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")));

        using var response = await Raw.PostAsync(server.BaseUrl + "/v1/chat/completions", """{"model":"scripted-model"}""");
        var message = (await Raw.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("messages is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_role_is_rejected_with_its_position()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")));

        using var response = await Raw.PostAsync(server.BaseUrl + "/v1/chat/completions",
            """{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"robot","content":"beep"}]}""");
        var message = (await Raw.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString();

        Assert.Contains("messages[1].role", message, StringComparison.Ordinal);
        Assert.Contains("robot", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_models_get_404_model_not_found_when_asked_to_reject_them()
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("from fallback")),
            new ScriptedModelServerOptions { Models = ["fallback-model"], RejectUnknownModels = true });
        var body = Raw.OpenAIRequest(stream: false, Raw.User("hi"));

        using var rejected = await Raw.PostOpenAIAsync(server.BaseUrl, body);
        body["model"] = "fallback-model";
        using var accepted = await Raw.PostOpenAIAsync(server.BaseUrl, body);

        Assert.Equal(HttpStatusCode.NotFound, rejected.StatusCode);
        Assert.Equal("model_not_found", (await Raw.JsonAsync(rejected)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("from fallback", (await Raw.JsonAsync(accepted)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Non_ascii_text_survives_chunking_intact()
    {
        const string text = "Grüße aus Zürich 🦀🦀🦀 — 你好，世界！ The crab emoji 🦀 sits on a surrogate pair.";
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text(text)),
            new ScriptedModelServerOptions { ChunkChars = 3 });

        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: true, Raw.User("hi")));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var events = Sse.Parse(Encoding.UTF8.GetString(bytes));

        var streamed = string.Concat(events[..^1].Select(e => e.Json.GetProperty("choices"))
            .Where(c => c.GetArrayLength() == 1 && c[0].GetProperty("delta").TryGetProperty("content", out _))
            .Select(c => c[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal(text, streamed);
    }
}
