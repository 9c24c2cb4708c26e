namespace Chitin.Testing.Wire;

/// <summary>
/// Writes server-sent events into a pipe, one flush per event so clients see each delta as it is produced, and
/// notes where each event ends (used to cut a stream at an event boundary).
/// </summary>
internal sealed class SseStream : IDisposable
{
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly PipeWriter _pipe;
    private readonly CancellationToken _cancellationToken;
    private readonly Utf8JsonWriter _json;
    private readonly List<long> _eventEnds = [];
    private long _bytesWritten;

    public SseStream(PipeWriter pipe, CancellationToken cancellationToken)
    {
        _pipe = pipe;
        _cancellationToken = cancellationToken;
        _json = new Utf8JsonWriter(pipe, WireJson.WriterOptions);
    }

    /// <summary>The byte offset just after each event sent so far.</summary>
    public IReadOnlyList<long> EventEnds => _eventEnds;

    /// <summary>
    /// Starts an event (with an <c>event:</c> line when <paramref name="eventName"/> is given) and returns the writer
    /// for its JSON data.
    /// </summary>
    public Utf8JsonWriter Begin(string? eventName)
    {
        if (eventName is not null)
        {
            Write(EventPrefix);
            _bytesWritten += Encoding.UTF8.GetBytes(eventName, _pipe);
            Write("\n"u8);
        }

        Write(DataPrefix);
        _json.Reset(_pipe);
        return _json;
    }

    /// <summary>Ends the event begun by <see cref="Begin"/> and flushes it to the client.</summary>
    public ValueTask EndAsync()
    {
        _json.Flush();
        _bytesWritten += _json.BytesCommitted;
        Write(EventEnd);
        return FlushAsync();
    }

    /// <summary>OpenAI's terminal <c>data: [DONE]</c>.</summary>
    public ValueTask WriteDoneAsync()
    {
        Write(Done);
        return FlushAsync();
    }

    public void Dispose() => _json.Dispose();

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _pipe.Write(bytes);
        _bytesWritten += bytes.Length;
    }

    private async ValueTask FlushAsync()
    {
        _eventEnds.Add(_bytesWritten);
        var result = await _pipe.FlushAsync(_cancellationToken);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new OperationCanceledException("The client stopped reading the stream.");
        }
    }
}
