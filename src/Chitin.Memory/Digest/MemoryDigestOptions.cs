namespace Chitin.Memory.Digest;

/// <summary>Limits of the memory digest in the system prompt.</summary>
public sealed record MemoryDigestOptions
{
    /// <summary>The digest never exceeds this many tokens, however large the store grows.</summary>
    public int MaxTokens { get; init; } = 500;

    /// <summary>The store's clock: the candidate lists kept between sessions are read again once an item of them expires.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
