namespace Chitin.Memory.Sync;

/// <summary>
/// The same item changed both in the file and in the store since the last sync. Neither side was overwritten:
/// settle it by editing the file or the item (<c>chitin memory</c>) so they agree, then sync again.
/// </summary>
/// <param name="File">Full path of the file.</param>
/// <param name="Line">1-based line of the entry (for a removal, the line it had at the last sync).</param>
/// <param name="ItemId">The item.</param>
/// <param name="Kind">How they disagree.</param>
/// <param name="FileText">The text in the file now; null when the entry was removed.</param>
/// <param name="StoreText">The item's text in the store now; null when the item was deleted.</param>
/// <param name="SyncedText">The text both agreed on at the last sync.</param>
public sealed record MemorySyncConflict(
    string File,
    int Line,
    string ItemId,
    MemorySyncConflictKind Kind,
    string? FileText,
    string? StoreText,
    string SyncedText);
