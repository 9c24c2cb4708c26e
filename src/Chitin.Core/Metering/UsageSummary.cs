namespace Chitin.Core.Metering;

/// <summary>Totals for one group of a usage report.</summary>
public sealed record UsageSummary
{
    public required string Key { get; init; }

    public long Calls { get; init; }

    public long InputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public long CacheWriteTokens { get; init; }

    public long OutputTokens { get; init; }

    public long ReasoningTokens { get; init; }

    public decimal CostUsd { get; init; }

    /// <summary>Share of input tokens served from the provider's prompt cache, 0..1.</summary>
    public double CacheHitRate => InputTokens == 0 ? 0 : (double)CachedInputTokens / InputTokens;

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
