namespace Chitin.Memory.Storage;

/// <summary>
/// A memory store failure with a message a user can act on (it names the database file and what to do).
/// Derives from <see cref="InvalidOperationException"/> so generic handlers still catch it.
/// </summary>
public sealed class MemoryStoreException : InvalidOperationException
{
    public MemoryStoreException()
    {
    }

    public MemoryStoreException(string message)
        : base(message)
    {
    }

    public MemoryStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MemoryStoreException(MemoryStoreErrorKind kind, string databasePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        DatabasePath = databasePath;
    }

    public MemoryStoreErrorKind Kind { get; }

    /// <summary>Full path of the database file involved, or empty when unknown.</summary>
    public string DatabasePath { get; } = "";
}
