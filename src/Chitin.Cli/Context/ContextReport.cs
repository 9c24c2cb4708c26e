namespace Chitin.Cli.Context;

/// <summary>What the next model call of a session would send, layer by layer, and how much of it should be cached.</summary>
public sealed record ContextReport
{
    public required string SessionId { get; init; }

    public string? Model { get; init; }

    public required IReadOnlyList<ContextLayer> Layers { get; init; }

    public int TotalTokens { get; init; }

    public int WindowTokens { get; init; }

    /// <summary><see cref="TotalTokens"/> as a share of <see cref="WindowTokens"/>, to four places.</summary>
    public double WindowShare => WindowTokens == 0 ? 0 : Math.Round((double)TotalTokens / WindowTokens, 4);

    /// <summary>The share at which the loop compacts before a call.</summary>
    public double CompactAtShare { get; init; }

    /// <summary>The prefix the provider has seen on the last model call: everything but the messages added since.</summary>
    public int ExpectedCachedTokens { get; init; }

    /// <summary>Messages after the last model call (the new user message, tool results), sent uncached.</summary>
    public int NewTokens { get; init; }

    public int NewMessages { get; init; }
}
