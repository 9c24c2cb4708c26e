using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Chitin.Testing.Tests.Support;

/// <summary>The official SDKs behind Microsoft.Extensions.AI, pointed at a scripted server.</summary>
internal static class Sdk
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";

    public static IChatClient Client(string format, ScriptedModelServer server, int maxRetries = 0) => format switch
    {
        OpenAI => new OpenAIClient(
                new ApiKeyCredential("k"),
                new OpenAIClientOptions { Endpoint = new Uri(server.BaseUrl + "/v1"), RetryPolicy = new ClientRetryPolicy(maxRetries) })
            .GetChatClient("scripted-model")
            .AsIChatClient(),
        Anthropic => new AnthropicClient { BaseUrl = server.BaseUrl, ApiKey = "k", MaxRetries = maxRetries }
            .AsIChatClient("scripted-model", 1024),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "openai or anthropic"),
    };

    public static string CallIdPrefix(string format) => format == OpenAI ? "call_" : "toolu_";

    /// <summary>A tool declaration; the scripted model only needs its name and schema, it is never invoked here.</summary>
    public static AIFunction Tool(string name) =>
        AIFunctionFactory.Create((string path) => path, name, $"The {name} tool.");

    public static ChatOptions WithTools(params string[] names) => new() { Tools = [.. names.Select(Tool)] };

    public static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options))
        {
            updates.Add(update);
        }

        return updates;
    }
}
