namespace Chitin.Memory.Model;

/// <summary>The known values of <see cref="MemoryHistoryEntry.Change"/>.</summary>
public static class MemoryChangeKinds
{
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Superseded = "superseded";
    public const string Forgotten = "forgotten";
    public const string Pinned = "pinned";
    public const string Unpinned = "unpinned";
    public const string Deleted = "deleted";
    public const string ConflictResolved = "conflict_resolved";
}
