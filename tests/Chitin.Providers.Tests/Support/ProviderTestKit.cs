using System.Net;
using System.Net.Sockets;
using Chitin.Providers.Configuration;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Support;

/// <summary>Settings and helpers for talking to the scripted model server through the real provider stack.</summary>
internal static class ProviderTestKit
{
    /// <summary>A key that must never appear in a message, log line or ToString.</summary>
    public const string Secret = "sk-chitin-test-SECRET-7f3a9c";

    public const string Model = ScriptedModelServerOptions.DefaultModel;

    /// <summary>Generous bound so a hung call fails the test instead of hanging the run.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<WireFormat> BothFormats => new() { WireFormat.OpenAI, WireFormat.Anthropic };

    public static ProviderSettings Settings(ScriptedModelServer server, WireFormat format) => Settings(server.BaseUrl, format);

    public static ProviderSettings Settings(string serverBaseUrl, WireFormat format) => new()
    {
        Kind = format == WireFormat.Anthropic ? ProviderKind.Anthropic : ProviderKind.OpenAI,
        BaseUrl = format == WireFormat.Anthropic ? serverBaseUrl : serverBaseUrl + "/v1",
        ApiKey = Secret,
        Model = Model,
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    public static CancellationTokenSource Deadline() => new(TestTimeout);

    public static async Task<List<ChatResponseUpdate>> StreamAsync(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates;
    }

    public static Task<List<ChatResponseUpdate>> StreamAsync(IChatClient client, string userText, CancellationToken cancellationToken = default) =>
        StreamAsync(client, [new ChatMessage(ChatRole.User, userText)], null, cancellationToken);

    /// <summary>A loopback port nothing listens on (taken from the OS, then released).</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits for the server to record <paramref name="count"/> requests; the recorder has no event to await.</summary>
    public static async Task WaitForRequestsAsync(ScriptedModelServer server, int count, CancellationToken cancellationToken)
    {
        while (server.Requests.Count < count)
        {
            await Task.Delay(10, cancellationToken);
        }
    }
}
