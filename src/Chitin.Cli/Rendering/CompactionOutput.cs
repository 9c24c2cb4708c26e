namespace Chitin.Cli.Rendering;

/// <summary>What <c>chitin sessions compact --json</c> prints. Status: compacted or nothing_to_compact.</summary>
public sealed record CompactionOutput(string Status, string SessionId, bool Summarized, int TokensBefore, int TokensAfter, decimal CostUsd, string? Error)
{
    public static CompactionOutput From(CompactionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CompactionOutput(
            result.Compacted ? "compacted" : "nothing_to_compact",
            result.SessionId,
            result.Summarized,
            result.TokensBefore,
            result.TokensAfter,
            result.Usage?.CostUsd ?? 0m,
            result.Error);
    }

    /// <summary>One line for people: "compacted: 12,345 → 3,210 tokens (summarised by the model, $0.0012)".</summary>
    public static string Describe(CompactionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Compacted)
        {
            return $"nothing to compact in session {result.SessionId} ({Units.Tokens(result.TokensBefore)} tokens): {result.Error ?? "every turn is recent"}";
        }

        var how = result.Summarized
            ? $"older turns summarised by the model, {Units.Usd(result.Usage?.CostUsd ?? 0m)}"
            : "old tool results pruned to stubs";
        return $"compacted session {result.SessionId}: {Units.Tokens(result.TokensBefore)} → {Units.Tokens(result.TokensAfter)} tokens ({how})";
    }
}
