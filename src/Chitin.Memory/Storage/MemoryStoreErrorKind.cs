namespace Chitin.Memory.Storage;

/// <summary>Why a memory store operation failed, so callers can pick an exit code or a hint without parsing messages.</summary>
public enum MemoryStoreErrorKind
{
    /// <summary>Any other SQLite failure.</summary>
    Other,

    /// <summary>The folder or file could not be created or opened.</summary>
    CannotOpen,

    /// <summary>The file exists but is not a SQLite database.</summary>
    NotADatabase,

    /// <summary>The file is a SQLite database that belongs to another application.</summary>
    NotAChitinDatabase,

    /// <summary>The file is damaged.</summary>
    Corrupt,

    /// <summary>The memory tables were written by a newer Chitin with a schema this version does not know.</summary>
    NewerSchema,

    /// <summary>The file or its folder is not writable.</summary>
    ReadOnly,

    /// <summary>The disk (or the database size limit) is full.</summary>
    DiskFull,

    /// <summary>Another process held the database lock for longer than the busy timeout.</summary>
    Busy,

    /// <summary>The operating system reported an I/O error.</summary>
    IoError,

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
