namespace Chitin.Hosting.Configuration;

/// <summary>The ranges the "context" config section accepts.</summary>
public static class ContextLimits
{
    public const long MinWindowTokens = 1_000;
    public const long MaxWindowTokens = 10_000_000;

    /// <summary>Compaction aims at 40% of the window; starting it lower would compact on every call.</summary>
    public const double MinCompactAtShare = 0.5;

    /// <summary>Below this an offloaded result's excerpt (~450 tokens) would be about as big as the result.</summary>
    public const long MinOffloadThresholdTokens = 500;
    public const long MaxOffloadThresholdTokens = 1_000_000;
}
