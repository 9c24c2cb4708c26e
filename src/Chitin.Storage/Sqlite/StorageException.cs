namespace Chitin.Storage.Sqlite;

/// <summary>A session-store failure on its own terms (unknown or duplicate session), naming the database file.</summary>
public sealed class StorageException : StoreException<StorageErrorKind>
{
    public StorageException(StorageErrorKind kind, string databasePath, string message, Exception? innerException = null)
        : base(kind, databasePath, message, innerException)
    {
    }
}
