namespace Chitin.Gateway.Realtime;

/// <summary>
/// One <c>/ws</c> connection's transport: frames wait in a bounded queue and one writer sends them with the
/// connection's next sequence number, so a slow client never holds up a turn. When the queue overflows the
/// connection is closed with 1008 and a reason (the client reconnects and resends; request ids make that safe).
/// </summary>
public sealed class WsConnection : IFrameSink, IDisposable
{
    public const int MaxRequestBytes = 64 * 1024;

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _queue;
    private readonly int _capacity;
    private readonly CancellationTokenSource _closing = new();
    private long _seq;
    private volatile string? _overflow;

    public WsConnection(WebSocket socket, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _socket = socket ?? throw new ArgumentNullException(nameof(socket));
        _capacity = capacity;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        Id = "ws_" + Guid.CreateVersion7().ToString("N");
    }

    public string Id { get; }

    public bool TryPost(byte[] body)
    {
        if (_queue.Writer.TryWrite(body))
        {
            return true;
        }

        if (_overflow is null && _queue.Writer.TryComplete())
        {
            _overflow = $"client too slow: more than {_capacity} frames waiting";

            // The writer closes with 1008 after its current send; a client that reads nothing at all is cut off.
            _closing.CancelAfter(CloseGrace);
        }

        return false;
    }

    /// <summary>Sends queued frames and hands every received request to <paramref name="handle"/> until either side closes.</summary>
    public async Task RunAsync(Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var writer = WriteAsync(linked.Token);
        try
        {
            await ReceiveAsync(handle, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }
    }

    public void Dispose() => _closing.Dispose();

    private async Task ReceiveAsync(Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        while (_socket.State == WebSocketState.Open)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"a request is limited to {MaxRequestBytes} bytes").ConfigureAwait(false);
                    return;
                }

                result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (result.MessageType != WebSocketMessageType.Text)
            {
                TryPost(WsFrames.Error(null, "bad_request", "Frames are UTF-8 JSON text, one object per frame."));
                continue;
            }

            await handle(System.Text.Encoding.UTF8.GetString(buffer, 0, length), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var body in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_overflow is not null)
                {
                    break;
                }

                await _socket.SendAsync(WsFrames.WithSeq(++_seq, body), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }

            if (_overflow is { } reason)
            {
                await CloseAsync(WebSocketCloseStatus.PolicyViolation, reason).ConfigureAwait(false);
                await _closing.CancelAsync().ConfigureAwait(false);
            }
            else
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        // A client that reads nothing cannot hold the close up for long.
        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            await _socket.CloseOutputAsync(status, reason, grace.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            _socket.Abort();
        }
    }
}
