namespace Chitin.Gateway.Realtime;

/// <summary>
/// The bodies of the server's <c>/ws</c> frames (see docs/gateway.md): JSON objects with "type" first and no "seq",
/// which each connection adds as it sends (<see cref="WithSeq"/>), so one body is shared by every subscriber.
/// </summary>
public static class WsFrames
{
    public const int Protocol = 1;

    public static byte[] Hello(string connection) => Build("hello", w =>
    {
        w.WriteString("connection", connection);
        w.WriteNumber("protocol", Protocol);
    });

    public static byte[] Ack(string id, bool duplicate, string? session, string? run) => Build("ack", w =>
    {
        w.WriteString("id", id);
        w.WriteBoolean("duplicate", duplicate);
        w.WriteString("session", session);
        w.WriteString("run", run);
    });

    public static byte[] Error(string? id, string code, string message) => Build("error", w =>
    {
        w.WriteString("id", id);
        w.WriteString("code", code);
        w.WriteString("message", message);
    });

    /// <summary>One agent event; <paramref name="eventJson"/> is exactly what <c>chitin run --events ndjson</c> prints.</summary>
    public static byte[] Event(string session, string run, string eventJson) => Build("event", w =>
    {
        w.WriteString("session", session);
        w.WriteString("run", run);
        w.WritePropertyName("event");
        w.WriteRawValue(eventJson, skipInputValidation: true);
    });

    public static byte[] ApprovalRequested(string session, string approval, string tool, string summary, DateTimeOffset expiresAt) => Build("approval_requested", w =>
    {
        w.WriteString("session", session);
        w.WriteString("approval", approval);
        w.WriteString("tool", tool);
        w.WriteString("summary", summary);
        w.WriteString("expires_at", expiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    });

    public static byte[] ApprovalResolved(string session, string approval, bool allowed, string by) => Build("approval_resolved", w =>
    {
        w.WriteString("session", session);
        w.WriteString("approval", approval);
        w.WriteBoolean("allowed", allowed);
        w.WriteString("by", by);
    });

    public static byte[] TurnQueued(string session, int position) => Build("turn_queued", w =>
    {
        w.WriteString("session", session);
        w.WriteNumber("position", position);
    });

    /// <summary>The frame as sent: <c>{"seq":n,</c> followed by the body without its opening brace.</summary>
    public static byte[] WithSeq(long seq, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Span<byte> digits = stackalloc byte[20];
        seq.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        var prefix = "{\"seq\":"u8;
        var frame = new byte[prefix.Length + length + 1 + body.Length - 1];
        prefix.CopyTo(frame);
        digits[..length].CopyTo(frame.AsSpan(prefix.Length));
        frame[prefix.Length + length] = (byte)',';
        body.AsSpan(1).CopyTo(frame.AsSpan(prefix.Length + length + 1));
        return frame;
    }

    private static byte[] Build(string type, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            fields(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
