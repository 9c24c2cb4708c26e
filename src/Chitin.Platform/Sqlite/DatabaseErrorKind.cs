namespace Chitin.Platform.Sqlite;

/// <summary>Why a database operation failed, so callers can pick an exit code or a hint without parsing messages.</summary>
public enum DatabaseErrorKind
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

    /// <summary>A component's tables were written by a newer Chitin with a schema this version does not know.</summary>
    NewerSchema,

    /// <summary>The file or its folder is not writable.</summary>
    ReadOnly,

    /// <summary>The disk (or the database size limit) is full.</summary>
    DiskFull,

    /// <summary>Another process held the database lock for longer than the busy timeout.</summary>
    Busy,

    /// <summary>The operating system reported an I/O error.</summary>
    IoError,
}
