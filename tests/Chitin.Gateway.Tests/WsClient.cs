using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Chitin.Gateway.Tests;

/// <summary>A real <see cref="ClientWebSocket"/> on a gateway's <c>/ws</c>, reading one JSON frame at a time.</summary>
public sealed class WsClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ClientWebSocket _socket;

    private WsClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>Every frame received so far, in order.</summary>
    public List<JsonElement> Frames { get; } = [];

    public static async Task<WsClient> ConnectAsync(GatewayFixture f)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + f.Gateway.Token);
        var uri = new UriBuilder(f.Gateway.Address) { Scheme = "ws", Path = "/ws" }.Uri;
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(uri, timeout.Token);
        return new WsClient(socket);
    }

    public async Task SendAsync(string json)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next frame; fails when none arrives in time.</summary>
    public async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"the server closed the connection: {result.CloseStatus} {result.CloseStatusDescription}");
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
        Frames.Add(frame);
        return frame;
    }

    /// <summary>Reads frames until one matches, returning it.</summary>
    public async Task<JsonElement> UntilAsync(Func<JsonElement, bool> match)
    {
        while (true)
        {
            var frame = await NextAsync();
            if (match(frame))
            {
                return frame;
            }
        }
    }

    /// <summary>Reads until the run's <c>done</c> event and returns the text its <c>text_delta</c> events streamed.</summary>
    public async Task<(string Text, int Deltas)> UntilCompletedAsync(string run)
    {
        var text = new StringBuilder();
        var deltas = 0;
        while (true)
        {
            var frame = await NextAsync();
            if (Type(frame) != "event" || frame.GetProperty("run").GetString() != run)
            {
                continue;
            }

            var e = frame.GetProperty("event");
            switch (e.GetProperty("type").GetString())
            {
                case "text_delta":
                    deltas++;
                    text.Append(e.GetProperty("text").GetString());
                    break;
                case "done":
                    return (text.ToString(), deltas);
            }
        }
    }

    public static string? Type(JsonElement frame) => frame.GetProperty("type").GetString();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
