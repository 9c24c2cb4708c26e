using Microsoft.Data.Sqlite;

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

    /// <summary>The kept command for <paramref name="sql"/>, without parameters, outside any transaction.</summary>
    public SqliteCommand Get(string sql)
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
        command.Transaction = null;
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
