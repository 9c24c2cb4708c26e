using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chitin.Testing.Tests.Support;

/// <summary>Raw HTTP against the scripted server, bypassing every SDK.</summary>
internal static class Raw
{
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public const string ListDirTool = """{"type":"function","function":{"name":"list_dir","description":"Lists a directory.","parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}""";

    public const string AnthropicListDirTool = """{"name":"list_dir","description":"Lists a directory.","input_schema":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}""";

    public static Task<HttpResponseMessage> PostAsync(string url, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static Task<HttpResponseMessage> PostOpenAIAsync(string baseUrl, JsonObject body) =>
        PostAsync(baseUrl + "/v1/chat/completions", body.ToJsonString(), ("Authorization", "Bearer k"));

    public static Task<HttpResponseMessage> PostAnthropicAsync(string baseUrl, JsonObject body) =>
        PostAsync(baseUrl + "/v1/messages", body.ToJsonString(), ("x-api-key", "k"), ("anthropic-version", "2023-06-01"));

    /// <summary>An OpenAI request body with a system prompt, the given user/assistant/tool turns and the list_dir tool.</summary>
    public static JsonObject OpenAIRequest(bool stream, params JsonObject[] messages)
    {
        var all = new JsonArray { new JsonObject { ["role"] = "system", ["content"] = "You are a careful assistant." } };
        foreach (var message in messages)
        {
            all.Add(message);
        }

        var body = new JsonObject
        {
            ["model"] = "scripted-model",
            ["messages"] = all,
            ["tools"] = new JsonArray { JsonNode.Parse(ListDirTool) },
        };
        if (stream)
        {
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return body;
    }

    public static JsonObject AnthropicRequest(bool stream, params JsonObject[] messages)
    {
        var all = new JsonArray();
        foreach (var message in messages)
        {
            all.Add(message);
        }

        var body = new JsonObject
        {
            ["model"] = "scripted-model",
            ["max_tokens"] = 1024,
            ["system"] = "You are a careful assistant.",
            ["messages"] = all,
            ["tools"] = new JsonArray { JsonNode.Parse(AnthropicListDirTool) },
        };
        if (stream)
        {
            body["stream"] = true;
        }

        return body;
    }

    public static JsonObject User(string text) => new() { ["role"] = "user", ["content"] = text };

    public static JsonObject Assistant(string text) => new() { ["role"] = "assistant", ["content"] = text };

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<List<SseEvent>> EventsAsync(HttpResponseMessage response) =>
        Sse.Parse(await response.Content.ReadAsStringAsync());
}
