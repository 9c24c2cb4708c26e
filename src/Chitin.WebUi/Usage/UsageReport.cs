namespace Chitin.WebUi.Usage;

/// <summary>
/// What the Usage page shows for a range of whole UTC days ending today: the same summaries `chitin usage` prints
/// (by day, model, agent and endpoint), every day of the range (empty days as zero rows), and the heartbeat's spend.
/// </summary>
public sealed class UsageReport
{
    /// <summary>The ranges the page offers, in days.</summary>
    public static IReadOnlyList<int> Ranges { get; } = [7, 30];

    public required int Days { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required UsageSummary Total { get; init; }

    public required IReadOnlyList<UsageSummary> ByDay { get; init; }

    public required IReadOnlyList<UsageSummary> ByModel { get; init; }

    public required IReadOnlyList<UsageSummary> ByAgent { get; init; }

    public required IReadOnlyList<UsageSummary> ByEndpoint { get; init; }

    public required IReadOnlyList<(string Day, int Calls, long Tokens)> Heartbeat { get; init; }

    public static async Task<UsageReport> LoadAsync(IUsageStore store, HeartbeatUsageStore heartbeat, int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(heartbeat);
        var since = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - days);
        var byDay = await store.SummarizeAsync(UsageGrouping.Day, since, cancellationToken);
        var recorded = byDay.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var everyDay = Enumerable.Range(0, days)
            .Select(i => since.AddDays(i).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Select(day => recorded.GetValueOrDefault(day) ?? new UsageSummary { Key = day })
            .ToList();
        return new UsageReport
        {
            Days = days,
            Since = since,
            Total = UsageSummary.Total(byDay),
            ByDay = everyDay,
            ByModel = await store.SummarizeAsync(UsageGrouping.Model, since, cancellationToken),
            ByAgent = await store.SummarizeAsync(UsageGrouping.Agent, since, cancellationToken),
            ByEndpoint = await store.SummarizeAsync(UsageGrouping.Endpoint, since, cancellationToken),
            Heartbeat = heartbeat.Since(since),
        };
    }

    /// <summary>The range asked for when it is one the page offers, else the first.</summary>
    public static int Range(int? asked) => asked is { } d && Ranges.Contains(d) ? d : Ranges[0];
}
