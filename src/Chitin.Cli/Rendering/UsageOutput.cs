namespace Chitin.Cli.Rendering;

/// <summary>Token usage in the CLI's JSON output.</summary>
public sealed record UsageOutput(
    long InputTokens,
    long CachedInputTokens,
    long CacheWriteTokens,
    long OutputTokens,
    long ReasoningTokens,
    double CacheHitRate)
{
    public static UsageOutput From(RunTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new(totals.InputTokens, totals.CachedInputTokens, totals.CacheWriteTokens, totals.OutputTokens, totals.ReasoningTokens, Math.Round(totals.CacheHitRate, 4));
    }
}
