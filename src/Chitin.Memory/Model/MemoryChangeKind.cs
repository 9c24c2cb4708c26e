namespace Chitin.Memory.Model;

/// <summary>What a <see cref="MemoryHistoryEntry"/> records, stored in the history table as "created", "edited", ...</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemoryChangeKind>))]
public enum MemoryChangeKind
{
    [JsonStringEnumMemberName("created")]
    Created,

    [JsonStringEnumMemberName("edited")]
    Edited,

    [JsonStringEnumMemberName("superseded")]
    Superseded,

    [JsonStringEnumMemberName("forgotten")]
    Forgotten,

    [JsonStringEnumMemberName("pinned")]
    Pinned,

    [JsonStringEnumMemberName("unpinned")]
    Unpinned,

    [JsonStringEnumMemberName("deleted")]
    Deleted,

    [JsonStringEnumMemberName("conflict_resolved")]
    ConflictResolved,
}
