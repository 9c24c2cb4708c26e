namespace Chitin.Core.Context;

/// <summary>How the loop keeps the context small, cache-friendly and inside the model's window.</summary>
public sealed record ContextOptions
{
    /// <summary>The model's context window in tokens.</summary>
    public int ContextWindowTokens { get; init; } = 128_000;

    /// <summary>Compaction starts when the next call would send more than this share of the window.</summary>
    public double CompactAtShare { get; init; } = 0.75;

    /// <summary>Compaction aims to bring the context below this share of the window.</summary>
    public double TargetAfterCompactionShare { get; init; } = 0.40;

    /// <summary>The most recent turns kept verbatim, as a share of the window.</summary>
    public double RecentShare { get; init; } = 0.20;

    /// <summary>Tool results above this many tokens go to the session's artifact folder; the context gets an excerpt.</summary>
    public int OffloadThresholdTokens { get; init; } = 2_000;

    /// <summary>Tokens of the offloaded text's beginning kept in the excerpt.</summary>
    public int ExcerptHeadTokens { get; init; } = 250;

    /// <summary>Tokens of the offloaded text's end kept in the excerpt.</summary>
    public int ExcerptTailTokens { get; init; } = 100;

    /// <summary>Upper bound on the summary the model writes during compaction.</summary>
    public int SummaryMaxTokens { get; init; } = 1_500;

    /// <summary>When false, the loop never compacts (it may then exceed the window).</summary>
    public bool AutoCompact { get; init; } = true;
}
