namespace Chitin.Core.Metering;

/// <summary>
/// Token and cost sums over some model calls: the part a run's running totals and a usage report's rows share.
/// <see cref="InputTokens"/> counts the whole prompt, cached and cache-write tokens included.
/// </summary>
public abstract record TokenTotals
{
    public long InputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public long CacheWriteTokens { get; init; }

    public long OutputTokens { get; init; }

    public long ReasoningTokens { get; init; }

    public decimal CostUsd { get; init; }

    /// <summary>Share of input tokens served from the provider's prompt cache, 0..1.</summary>
    public double CacheHitRate => InputTokens == 0 ? 0 : (double)CachedInputTokens / InputTokens;
}
