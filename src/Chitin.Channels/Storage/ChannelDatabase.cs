namespace Chitin.Channels.Storage;

/// <summary>
/// One connection to the channels' tables of chitin.db, serialised by a lock (the stores are called from the poller,
/// the turn workers and the CLI). Opened through the shared opener, which migrates the "channels" component.
/// </summary>
public sealed class ChannelDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private ChannelDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    public string Path { get; }

    /// <exception cref="DatabaseException">The file cannot be used; the message says why.</exception>
    public static ChannelDatabase Open(string databasePath)
    {
        var full = System.IO.Path.GetFullPath(databasePath);
        return new ChannelDatabase(full, ChitinDatabase.Open(full, ChannelSchema.Component, "open its channel tables"));
    }

    /// <summary>Runs <paramref name="work"/> on the connection under the lock, inside one immediate transaction.</summary>
    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var result = work(_connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    internal T Read<T>(Func<SqliteConnection, T> work)
    {
        lock (_gate)
        {
            return work(_connection);
        }
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            ChitinDatabase.Close(_connection);
        }
    }
}
