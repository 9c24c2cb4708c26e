namespace Chitin.Core.Metering;

/// <summary>Totals for one group of a usage report.</summary>
public sealed record UsageSummary : TokenTotals
{
    public required string Key { get; init; }

    public long Calls { get; init; }

    /// <summary>The sum of <paramref name="rows"/>, keyed "total" (the last line of every usage report).</summary>
    public static UsageSummary Total(IEnumerable<UsageSummary> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyCollection<UsageSummary> ?? [.. rows];
        return new UsageSummary
        {
            Key = "total",
            Calls = list.Sum(r => r.Calls),
            InputTokens = list.Sum(r => r.InputTokens),
            CachedInputTokens = list.Sum(r => r.CachedInputTokens),
            CacheWriteTokens = list.Sum(r => r.CacheWriteTokens),
            OutputTokens = list.Sum(r => r.OutputTokens),
            ReasoningTokens = list.Sum(r => r.ReasoningTokens),
            CostUsd = list.Sum(r => r.CostUsd),
        };
    }
}
