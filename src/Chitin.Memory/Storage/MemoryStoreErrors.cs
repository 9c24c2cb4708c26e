using Microsoft.Data.Sqlite;

namespace Chitin.Memory.Storage;

/// <summary>Turns SQLite result codes into <see cref="MemoryStoreException"/>s that name the file and say what to do.</summary>
internal static class MemoryStoreErrors
{
    // Primary SQLite result codes (https://sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static MemoryStoreException From(SqliteException exception, string databasePath, string action)
    {
        var (kind, message) = (exception.SqliteErrorCode & 0xFF) switch
        {
            Busy or Locked => (MemoryStoreErrorKind.Busy,
                $"The Chitin database '{databasePath}' stayed locked by another process for too long (could not {action}). " +
                "Close other chitin processes using it, or retry."),
            ReadOnly => (MemoryStoreErrorKind.ReadOnly,
                $"The Chitin database '{databasePath}' is read-only (could not {action}). " +
                "Make the file and its folder writable (for example chmod u+w), or point Chitin at another database file."),
            Full => (MemoryStoreErrorKind.DiskFull,
                $"The disk holding the Chitin database '{databasePath}' is full (could not {action}; nothing was half-written). " +
                "Free some space and retry."),
            CantOpen => (MemoryStoreErrorKind.CannotOpen,
                $"Cannot open the Chitin database '{databasePath}' (could not {action}). " +
                "Check that the path is a file in a writable folder: SQLite also creates '-wal' and '-shm' files next to it."),
            NotADatabase => (MemoryStoreErrorKind.NotADatabase,
                $"'{databasePath}' is not a SQLite database (could not {action}). " +
                "If it is some other file, point Chitin at another database path; if it was a Chitin database it is damaged: " +
                "move it aside and Chitin will create a fresh one."),
            Corrupt => (MemoryStoreErrorKind.Corrupt,
                $"The Chitin database '{databasePath}' is damaged (could not {action}). " +
                $"Move it aside so Chitin creates a fresh one, or salvage it with: sqlite3 '{databasePath}' .recover > recovered.sql"),
            IoError => (MemoryStoreErrorKind.IoError,
                $"Disk I/O error on the Chitin database '{databasePath}' (could not {action}): {exception.Message} " +
                "Check the disk, its free space and its permissions."),
            _ => (MemoryStoreErrorKind.Other,
                $"SQLite error on the Chitin database '{databasePath}' (could not {action}): {exception.Message}"),
        };
        return new MemoryStoreException(kind, databasePath, message, exception);
    }

    public static MemoryStoreException ItemNotFound(string databasePath, string id) =>
        new(MemoryStoreErrorKind.ItemNotFound, databasePath, $"No memory item '{id}' in '{databasePath}'. List ids with `chitin memory list`.");
}
