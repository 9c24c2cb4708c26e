namespace Chitin.Platform.Sqlite;

/// <summary>
/// One long-lived connection (as <see cref="ChitinDatabase.Open"/> leaves it: WAL, busy timeout, synchronous NORMAL)
/// used by one statement at a time. For small per-turn statements: a connection per call re-reads and re-parses the
/// whole database schema each time, and Microsoft.Data.Sqlite runs statements synchronously anyway (microseconds each).
/// </summary>
public sealed class SharedConnection : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly StatementCache _statements;
    private readonly Lock _gate = new();
    private bool _disposed;

    public SharedConnection(SqliteConnection connection)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _statements = new StatementCache(connection);
    }

    /// <summary>Runs one statement on a fresh command; a SQLite error comes back as the task's exception.</summary>
    public Task<T> Run<T>(CancellationToken cancellationToken, Func<SqliteCommand, T> statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Locked(cancellationToken, () =>
        {
            using var command = _connection.CreateCommand();
            return statement(command);
        });
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on a command kept for this text (compiled once, see <see cref="StatementCache"/>);
    /// <paramref name="statement"/> binds the parameters and executes it. A SQLite error comes back as the task's exception.
    /// </summary>
    public Task<T> Run<T>(string sql, CancellationToken cancellationToken, Func<SqliteCommand, T> statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Locked(cancellationToken, () => statement(_statements.Get(sql)));
    }

    private Task<T> Locked<T>(CancellationToken cancellationToken, Func<T> work)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return Task.FromResult(work());
            }
        }
        catch (SqliteException ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _statements.Dispose();
                ChitinDatabase.Close(_connection);
            }
        }
    }
}
