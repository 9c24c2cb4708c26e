namespace Chitin.Memory.Digest;

/// <summary>Limits of the memory digest in the system prompt.</summary>
public sealed record MemoryDigestOptions
{
    /// <summary>The digest never exceeds this many tokens, however large the store grows.</summary>
    public int MaxTokens { get; init; } = 500;
}
