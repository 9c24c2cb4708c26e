namespace Chitin.Memory.Retrieval;

/// <summary>What the in-memory index knows about an item besides its vector: enough to filter and weight it.</summary>
internal readonly record struct VectorEntry(
    MemoryScope Scope,
    string ScopeKey,
    MemoryLayer Layer,
    string? OriginSession,
    DateTimeOffset ValidFrom,
    bool Ended,
    DateTimeOffset? ExpiresAt,
    bool Pinned)
{
    public bool IsCurrent(DateTimeOffset now) => !Ended && (ExpiresAt is null || ExpiresAt > now);
}
