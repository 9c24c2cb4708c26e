namespace Chitin.Platform.Sqlite;

/// <summary>
/// Commands kept for a long-lived connection's lifetime, one per SQL text: Microsoft.Data.Sqlite keeps a command's
/// compiled statement while its text is unchanged, so a statement run at every turn is parsed once, not each time.
/// Not thread-safe: the owner serialises its callers (as it must for the connection anyway).
/// </summary>
public sealed class StatementCache(SqliteConnection connection) : IDisposable
{
    private readonly SqliteConnection _connection = connection ?? throw new ArgumentNullException(nameof(connection));
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The kept command for <paramref name="sql"/>, without parameters, joined to <paramref name="transaction"/> (none by default).</summary>
    public SqliteCommand Get(string sql, SqliteTransaction? transaction = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        else if (!string.Equals(command.CommandText, sql, StringComparison.Ordinal))
        {
            // A caller ran a second statement on it: back to this text (compiled again, as it would be on a fresh command).
            command.CommandText = sql;
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// The kept command for <paramref name="sql"/> with one parameter per name, created once and kept, in the order
    /// given: for statements run once per row of a batch, where creating the parameters again each time showed up.
    /// </summary>
    public SqliteCommand Reused(string sql, SqliteTransaction? transaction, params string[] names)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(names);
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands[sql] = command;
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
