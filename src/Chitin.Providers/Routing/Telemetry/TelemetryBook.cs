namespace Chitin.Providers.Routing.Telemetry;

/// <summary>Telemetry of every endpoint by name, seeded from the metering rows and fed by every routed call.</summary>
public sealed class TelemetryBook
{
    private readonly ConcurrentDictionary<string, EndpointTelemetry> _endpoints = new(StringComparer.OrdinalIgnoreCase);

    public EndpointTelemetry For(string endpoint) => _endpoints.GetOrAdd(endpoint, _ => new EndpointTelemetry());

    public EndpointStats Stats(string endpoint) => _endpoints.TryGetValue(endpoint, out EndpointTelemetry? telemetry) ? telemetry.Stats : EndpointStats.Empty;

    /// <summary>
    /// Replays stored usage rows (successful calls), oldest first. A routed row names its endpoint in its model id
    /// (<c>model@endpoint</c>, see <see cref="RoutedModelId"/>); any other row by <see cref="UsageRecord.Provider"/>. A row's repeated prefix is the previous row of the same session on the same endpoint: its prompt and
    /// answer, at most this row's prompt.
    /// </summary>
    public void Seed(IEnumerable<UsageRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var previous = new Dictionary<(string Session, string Endpoint), UsageRecord>();
        foreach (UsageRecord row in rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Step))
        {
            string endpoint = RoutedModelId.TryParse(row.Model, out _, out string routed) ? routed : row.Provider;
            if (string.IsNullOrEmpty(endpoint))
            {
                continue;
            }

            long repeated = previous.TryGetValue((row.SessionId, endpoint), out UsageRecord? before)
                ? Math.Min(row.InputTokens, before.InputTokens + before.OutputTokens)
                : 0;
            previous[(row.SessionId, endpoint)] = row;
            For(endpoint).Record(new CallOutcome(
                row.CreatedAt,
                ErrorClass.None,
                row.TimeToFirstTokenMs,
                row.LatencyMs,
                row.InputTokens,
                row.CachedInputTokens,
                row.CacheWriteTokens,
                row.OutputTokens,
                repeated));
        }
    }
}
