namespace Chitin.Platform.Sqlite;

/// <summary>
/// A failure of the Chitin database file with a message a user can act on (it names the file and what to do).
/// Derives from <see cref="InvalidOperationException"/> so generic handlers still catch it.
/// </summary>
public sealed class DatabaseException : InvalidOperationException
{
    public DatabaseException()
    {
    }

    public DatabaseException(string message)
        : base(message)
    {
    }

    public DatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseException(DatabaseErrorKind kind, string databasePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        DatabasePath = databasePath;
    }

    public DatabaseErrorKind Kind { get; }

    /// <summary>Full path of the database file involved, or empty when unknown.</summary>
    public string DatabasePath { get; } = "";
}
