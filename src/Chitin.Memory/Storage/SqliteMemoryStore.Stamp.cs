using Microsoft.Data.Sqlite;

namespace Chitin.Memory.Storage;

/// <summary>The change stamp: the newest history row, since every change to an item appends one and none is ever removed.</summary>
public sealed partial class SqliteMemoryStore
{
    /// <summary>Prepared once: read at every new session (the digest), so it is one cheap index look-up, not a parse.</summary>
    private SqliteCommand? _stampCommand;

    /// <summary>
    /// The highest history sequence number. The history is append-only (a hard delete blanks texts and appends a
    /// "deleted" row), so the number grows with every save, edit, forget, pin, conflict resolution and delete, whichever
    /// process made it; re-embedding and expiry do not change it.
    /// </summary>
    public Task<long?> GetChangeStampAsync(CancellationToken cancellationToken) =>
        RunAsync(
            "read the memory change stamp",
            () =>
            {
                _stampCommand ??= CreateStampCommand();
                return (long?)(_stampCommand.ExecuteScalar() is long seq ? seq : 0);
            },
            cancellationToken);

    private SqliteCommand CreateStampCommand()
    {
        var command = _connection.CreateCommand();
        command.CommandText = "SELECT max(seq) FROM memory_history;";
        return command;
    }
}
