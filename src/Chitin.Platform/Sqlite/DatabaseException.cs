namespace Chitin.Platform.Sqlite;

/// <summary>A failure of the Chitin database file itself (locked, read-only, full, damaged, foreign, newer).</summary>
public sealed class DatabaseException : StoreException<DatabaseErrorKind>
{
    public DatabaseException(DatabaseErrorKind kind, string databasePath, string message, Exception? innerException = null)
        : base(kind, databasePath, message, innerException)
    {
    }
}
