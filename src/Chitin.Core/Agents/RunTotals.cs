namespace Chitin.Core.Agents;

/// <summary>Running totals of one run.</summary>
public sealed record RunTotals : TokenTotals
{
    public int ModelCalls { get; init; }

    [JsonPropertyOrder(1)]
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>The totals of <paramref name="records"/>, for example a stored session's usage rows.</summary>
    public static RunTotals Of(IEnumerable<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Aggregate(new RunTotals(), (totals, record) => totals.Add(record));
    }

    /// <summary>These totals with one more model call's usage added.</summary>
    public RunTotals Add(UsageRecord record)
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
