namespace Chitin.Cli.Rendering;

/// <summary>One group of <c>chitin usage --json</c>.</summary>
public sealed record UsageRowOutput(
    string Key,
    long Calls,
    long InputTokens,
    long CachedInputTokens,
    long CacheWriteTokens,
    long OutputTokens,
    long ReasoningTokens,
    double CacheHitRate,
    decimal CostUsd)
{
    public static UsageRowOutput From(UsageSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Key, s.Calls, s.InputTokens, s.CachedInputTokens, s.CacheWriteTokens, s.OutputTokens, s.ReasoningTokens, Math.Round(s.CacheHitRate, 4), s.CostUsd);
    }
}
