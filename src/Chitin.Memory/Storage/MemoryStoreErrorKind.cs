namespace Chitin.Memory.Storage;

/// <summary>
/// Why a memory store operation failed on its own terms. Failures of the database file itself (locked, read-only,
/// full, damaged, foreign, newer) are <see cref="Chitin.Platform.Sqlite.DatabaseException"/>s.
/// </summary>
public enum MemoryStoreErrorKind
{
    /// <summary>Any other failure.</summary>
    Other,

    /// <summary>No item has the given id.</summary>
    ItemNotFound,

    /// <summary>The item has been superseded, forgotten or has expired, and the operation needs a current one.</summary>
    ItemNotCurrent,

    /// <summary>No conflict has the given id.</summary>
    ConflictNotFound,

    /// <summary>The conflict was settled already.</summary>
    ConflictAlreadyResolved,

    /// <summary>The embedding generator failed or returned unusable vectors.</summary>
    EmbedderFailed,
}
