namespace Chitin.Memory.Storage;

/// <summary>The change stamp: the newest history row, since every change to an item appends one and none is ever removed.</summary>
public sealed partial class SqliteMemoryStore
{
    /// <summary>
    /// The highest history sequence number. The history is append-only (a hard delete blanks texts and appends a
    /// "deleted" row), so the number grows with every save, edit, forget, pin, conflict resolution and delete, whichever
    /// process made it; re-embedding and expiry do not change it.
    /// </summary>
    public Task<long?> GetChangeStampAsync(CancellationToken cancellationToken) =>
        _gate.RunAsync(
            "read the memory change stamp",
            () => (long?)_repository.ChangeStamp(),
            cancellationToken);
}
