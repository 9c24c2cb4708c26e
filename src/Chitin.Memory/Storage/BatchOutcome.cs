namespace Chitin.Memory.Storage;

/// <summary>What one committed batch did: a result per draft, and what the vector index must learn about it (new items are embedded later, by the indexer).</summary>
internal sealed class BatchOutcome
{
    public List<MemorySaveResult> Results { get; } = [];

    public List<StoredItem> Inserted { get; } = [];

    /// <summary>Row numbers of earlier items the batch ended (superseded) or changed (pinned by a duplicate save).</summary>
    public HashSet<long> Changed { get; } = [];
}
