namespace Chitin.Core.Agents;

/// <summary>Running totals of one run.</summary>
public sealed record RunTotals
{
    public int ModelCalls { get; init; }

    public long InputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public long CacheWriteTokens { get; init; }

    public long OutputTokens { get; init; }

    public long ReasoningTokens { get; init; }

    public decimal CostUsd { get; init; }

    public double CacheHitRate => InputTokens == 0 ? 0 : (double)CachedInputTokens / InputTokens;

    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>These totals with one more model call's usage added.</summary>
    public RunTotals Add(Metering.UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return this with
        {
            ModelCalls = ModelCalls + 1,
            InputTokens = InputTokens + record.InputTokens,
            CachedInputTokens = CachedInputTokens + record.CachedInputTokens,
            CacheWriteTokens = CacheWriteTokens + record.CacheWriteTokens,
            OutputTokens = OutputTokens + record.OutputTokens,
            ReasoningTokens = ReasoningTokens + record.ReasoningTokens,
            CostUsd = CostUsd + record.CostUsd,
        };
    }
}
