namespace Chitin.Platform.Sqlite;

/// <summary>The one classifier of SQLite result codes: each becomes a <see cref="DatabaseException"/> that names the file and says what to do.</summary>
public static class DatabaseErrors
{
    // Extended code (https://sqlite.org/rescode.html#constraint_primarykey).
    private const int PrimaryKeyConstraint = 1555;

    public static bool IsPrimaryKeyViolation(SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqliteExtendedErrorCode == PrimaryKeyConstraint;
    }

    /// <param name="action">What was being done, completing "could not …", for example "open its memory tables".</param>
    public static DatabaseException From(SqliteException exception, string databasePath, string action)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (kind, message) = Primary(exception) switch
        {
            SqliteResultCode.Busy or SqliteResultCode.Locked => (DatabaseErrorKind.Busy,
                $"The Chitin database '{databasePath}' stayed locked by another process for too long (could not {action}). " +
                "Close other chitin processes using it, or retry."),
            SqliteResultCode.ReadOnly => (DatabaseErrorKind.ReadOnly,
                $"The Chitin database '{databasePath}' is read-only (could not {action}). " + ReadOnlyHint),
            SqliteResultCode.Full => (DatabaseErrorKind.DiskFull,
                $"The disk holding the Chitin database '{databasePath}' is full (could not {action}; nothing was half-written). " +
                "Free some space and retry."),
            SqliteResultCode.CantOpen => (DatabaseErrorKind.CannotOpen,
                $"Cannot open the Chitin database '{databasePath}' (could not {action}). " +
                "Check that the path is a file in a writable folder: SQLite also creates '-wal' and '-shm' files next to it."),
            SqliteResultCode.NotADatabase => (DatabaseErrorKind.NotADatabase,
                $"'{databasePath}' is not a SQLite database (could not {action}). " +
                "If it is some other file, point Chitin at another database path; if it was a Chitin database it is damaged: " +
                "move it aside and Chitin will create a fresh one."),
            SqliteResultCode.Corrupt => (DatabaseErrorKind.Corrupt,
                $"The Chitin database '{databasePath}' is damaged (could not {action}). " +
                $"Move it aside so Chitin creates a fresh one, or salvage it with: sqlite3 '{databasePath}' .recover > recovered.sql"),
            SqliteResultCode.IoError => (DatabaseErrorKind.IoError,
                $"Disk I/O error on the Chitin database '{databasePath}' (could not {action}): {exception.Message} " +
                "Check the disk, its free space and its permissions."),
            _ => (DatabaseErrorKind.Other,
                $"SQLite error on the Chitin database '{databasePath}' (could not {action}): {exception.Message}"),
        };
        return new DatabaseException(kind, databasePath, message, exception);
    }

    /// <summary>The primary result code of an error: the low byte of its (possibly extended) code.</summary>
    public static SqliteResultCode Primary(SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (SqliteResultCode)(exception.SqliteErrorCode & 0xFF);
    }

    internal const string ReadOnlyHint =
        "Make the file and its folder writable (for example chmod u+w), or point Chitin at another database file.";

    internal static DatabaseException ReadOnlyFile(string databasePath) =>
        new(DatabaseErrorKind.ReadOnly, databasePath, $"The Chitin database '{databasePath}' is read-only. " + ReadOnlyHint);

    internal static DatabaseException ForeignFile(string databasePath) =>
        new(
            DatabaseErrorKind.NotAChitinDatabase,
            databasePath,
            $"'{databasePath}' is a SQLite database of another application, not a Chitin database. " +
            "Point Chitin at another file; Chitin will not modify this one.");

    internal static DatabaseException NewerSchema(string databasePath, string component, int stored, int known) =>
        new(
            DatabaseErrorKind.NewerSchema,
            databasePath,
            $"The {component} tables in '{databasePath}' were written by a newer Chitin (schema version {stored}; this Chitin knows up to {known}). " +
            "Upgrade Chitin to open it, or point Chitin at another database file.");
}
