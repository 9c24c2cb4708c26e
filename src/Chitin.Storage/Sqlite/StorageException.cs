namespace Chitin.Storage.Sqlite;

/// <summary>
/// A storage failure with a message a user can act on (it names the database file and what to do).
/// Derives from <see cref="InvalidOperationException"/> so generic handlers still catch it.
/// </summary>
public sealed class StorageException : InvalidOperationException
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageException(StorageErrorKind kind, string databasePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        DatabasePath = databasePath;
    }

    public StorageErrorKind Kind { get; }

    /// <summary>Full path of the database file involved, or empty when unknown.</summary>
    public string DatabasePath { get; } = "";
}
