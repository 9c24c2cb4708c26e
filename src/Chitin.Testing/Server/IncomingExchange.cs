namespace Chitin.Testing.Server;

/// <summary>One request being handled: what arrived, and how to record it once its fate is known.</summary>
internal sealed class IncomingExchange(HttpContext context, int index, DateTimeOffset receivedAt, byte[] body)
{
    public HttpContext Context { get; } = context;

    public int Index { get; } = index;

    public byte[] Body { get; } = body;

    public RecordedRequest ToRecord(
        WireDialect dialect,
        int statusCode,
        ScriptRequest? parsed = null,
        PromptMeasurement measurement = default,
        Fault? fault = null) => new()
        {
            Index = Index,
            WireFormat = dialect.Format,
            Path = Context.Request.Path.Value ?? "/",
            Method = Context.Request.Method,
            Headers = SnapshotHeaders(Context.Request.Headers),
            Body = Encoding.UTF8.GetString(Body),
            Parsed = parsed,
            StatusCode = statusCode,
            PromptTokens = measurement.PromptTokens,
            CachedTokens = measurement.CachedTokens,
            CacheWriteTokens = measurement.CacheWriteTokens,
            ReceivedAt = receivedAt,
            FaultApplied = fault,
        };

    private static Dictionary<string, string> SnapshotHeaders(IHeaderDictionary headers)
    {
        var snapshot = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            snapshot[name] = string.Join(", ", values.ToArray());
        }

        return snapshot;
    }
}
