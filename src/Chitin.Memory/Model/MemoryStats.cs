namespace Chitin.Memory.Model;

/// <summary>Counts for <c>chitin memory stats</c>.</summary>
public sealed record MemoryStats
{
    public long Total { get; init; }

    public long Current { get; init; }

    public long Superseded { get; init; }

    public long Expired { get; init; }

    public long Pinned { get; init; }

    public long OpenConflicts { get; init; }

    public IReadOnlyDictionary<string, long> ByLayer { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> ByScope { get; init; } = new Dictionary<string, long>();

    /// <summary>Name of the embedding generator the vectors were made with.</summary>
    public string Embedder { get; init; } = "";

    /// <summary>Items (current or not) with a vector from <see cref="Embedder"/>.</summary>
    public long Embedded { get; init; }

    /// <summary>Items the background indexer has yet to embed; until then only lexical search finds them.</summary>
    public long AwaitingEmbedding { get; init; }
}
