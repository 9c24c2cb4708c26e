namespace Chitin.Storage.Sqlite;

/// <summary>
/// Why a session-store operation failed on its own terms. Failures of the database file itself (locked, read-only,
/// full, damaged, foreign, newer) are <see cref="Chitin.Platform.Sqlite.DatabaseException"/>s.
/// </summary>
public enum StorageErrorKind
{
    /// <summary>Any other failure.</summary>
    Other,

    /// <summary>The session named in the call does not exist.</summary>
    SessionNotFound,

    /// <summary>A session with the same id already exists.</summary>
    SessionExists,
}
