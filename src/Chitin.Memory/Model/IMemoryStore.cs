namespace Chitin.Memory.Model;

/// <summary>
/// The user's long-term memory. Implementations are thread-safe and append every change to the history, so nothing
/// is lost silently; a save that returns has been committed durably.
/// </summary>
public interface IMemoryStore : IAsyncDisposable
{
    /// <summary>Stores a fact, deduplicating against and superseding current items about the same subject in the same scope.</summary>
    Task<MemorySaveResult> SaveAsync(MemoryDraft draft, MemoryViewer writer, CancellationToken cancellationToken);

    /// <summary>
    /// Stores many facts at once, committed together; one result per draft, in order. Stores built for bulk work
    /// (the SQLite store) decide duplicates and replacements for the whole batch at once; this default saves one by one.
    /// </summary>
    async Task<IReadOnlyList<MemorySaveResult>> SaveManyAsync(IReadOnlyList<MemoryDraft> drafts, MemoryViewer writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var results = new List<MemorySaveResult>(drafts.Count);
        foreach (var draft in drafts)
        {
            results.Add(await SaveAsync(draft, writer, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Best first. Never returns items the viewer may not see; superseded and expired ones only with IncludeHistory.</summary>
    Task<IReadOnlyList<MemoryHit>> SearchAsync(MemorySearchQuery query, CancellationToken cancellationToken);

    Task<MemoryItem?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<MemoryItem>> ListAsync(MemoryListQuery query, CancellationToken cancellationToken);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken);

    /// <summary>Changes the text of a current item in place (a user edit in a synced file); the old text stays in the history.</summary>
    Task<MemoryItem> EditAsync(string id, string newText, string reason, CancellationToken cancellationToken);

    /// <summary>Ends a current item with a reason (valid_to = now). Returns null when no such item exists.</summary>
    Task<MemoryItem?> ForgetAsync(string id, string reason, CancellationToken cancellationToken);

    Task<MemoryItem> SetPinnedAsync(string id, bool pinned, CancellationToken cancellationToken);

    /// <summary>Hard delete, for the user only (CLI). The history keeps a "deleted" entry without the text.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<MemoryConflict>> ListConflictsAsync(CancellationToken cancellationToken);

    Task ResolveConflictAsync(long conflictId, ConflictResolution resolution, CancellationToken cancellationToken);

    Task<MemoryStats> GetStatsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A number that changes whenever any item is saved, edited, ended, pinned or deleted, by this process or another
    /// one, so a reader may keep what it read while the number stays the same (expiry by the clock is not a change).
    /// Null when the store cannot tell; then nothing may be kept.
    /// </summary>
    Task<long?> GetChangeStampAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(null);
}
