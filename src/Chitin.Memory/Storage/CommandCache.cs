using Microsoft.Data.Sqlite;

namespace Chitin.Memory.Storage;

/// <summary>
/// Prepared commands kept for the connection's lifetime, keyed by SQL text: Microsoft.Data.Sqlite keeps a command's
/// compiled statements while its text is unchanged, so repeated calls skip SQL parsing. Not thread-safe.
/// </summary>
internal sealed class CommandCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The cached command for <paramref name="sql"/>, with no parameters and joined to <paramref name="transaction"/>.</summary>
    public SqliteCommand Get(string sql, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// The cached command for <paramref name="sql"/> with one parameter per name, created once and kept, in the order
    /// given: for statements run once per row of a batch, where creating the parameters again each time showed up.
    /// </summary>
    public SqliteCommand Reused(string sql, SqliteTransaction? transaction, params string[] names)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
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
