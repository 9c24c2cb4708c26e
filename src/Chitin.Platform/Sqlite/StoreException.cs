namespace Chitin.Platform.Sqlite;

/// <summary>
/// A failure of a store kept in the Chitin database, with a message a user can act on (it names the file and what to
/// do), a kind a caller can branch on, and the file. Derives from <see cref="InvalidOperationException"/> so generic
/// handlers still catch it. <see cref="DatabaseException"/> is the file's own failures; a store adds its own kinds.
/// </summary>
/// <typeparam name="TKind">The enum of failure kinds.</typeparam>
public abstract class StoreException<TKind> : InvalidOperationException
    where TKind : struct, Enum
{
    protected StoreException(TKind kind, string databasePath, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        DatabasePath = databasePath;
    }

    public TKind Kind { get; }

    /// <summary>Full path of the database file involved, or empty when unknown.</summary>
    public string DatabasePath { get; }
}
