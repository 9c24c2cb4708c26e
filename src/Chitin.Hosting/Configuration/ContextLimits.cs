namespace Chitin.Hosting.Configuration;

/// <summary>The ranges the "context" config section accepts.</summary>
public static class ContextLimits
{
    public static ConfigRange<long> WindowTokens { get; } = new(1_000, 10_000_000);

    /// <summary>Compaction aims at 40% of the window; starting it lower would compact on every call.</summary>
    public static ConfigRange<double> CompactAtShare { get; } = new(0.5, 1);

    /// <summary>Below 500 an offloaded result's excerpt (~450 tokens) would be about as big as the result.</summary>
    public static ConfigRange<long> OffloadThresholdTokens { get; } = new(500, 1_000_000);
}
