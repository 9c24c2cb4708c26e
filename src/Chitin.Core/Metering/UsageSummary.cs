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
}
