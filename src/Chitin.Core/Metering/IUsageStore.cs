namespace Chitin.Core.Metering;

/// <summary>Durable usage rows and the reports built from them.</summary>
public interface IUsageStore
{
    Task RecordUsageAsync(UsageRecord usage, CancellationToken cancellationToken);

    Task<IReadOnlyList<UsageRecord>> LoadUsageAsync(string sessionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<UsageSummary>> SummarizeAsync(UsageGrouping grouping, DateTimeOffset? since, CancellationToken cancellationToken);
}
