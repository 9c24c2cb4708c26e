using Chitin.Memory.Model;
using Microsoft.Data.Sqlite;

namespace Chitin.Memory.Tests.Storage;

/// <summary>Source kinds and history changes are enums; the database keeps the names it always held.</summary>
public sealed class StoredKindsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Kinds_are_written_under_their_old_names_and_old_rows_read_back()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var draft = MemoryStoreFolder.Draft("The user deploys on Fridays.") with { Source = new MemorySource(MemorySourceKind.Import, "/notes/MEMORY.md", 3) };
        var saved = await store.SaveAsync(draft, MemoryStoreFolder.Writer, None);
        await store.ForgetAsync(saved.Item.Id, "moved on", None);

        await using var connection = new SqliteConnection($"Data Source={folder.DatabasePath};Pooling=False");
        await connection.OpenAsync(None);
        Assert.Equal(["import"], Column(connection, "SELECT source_kind FROM memory_items"));
        Assert.Equal(["created", "forgotten"], Column(connection, "SELECT change FROM memory_history ORDER BY seq"));

        using (var old = connection.CreateCommand())
        {
            old.CommandText = "UPDATE memory_items SET source_kind = 'mcp'; INSERT INTO memory_history (item_id, change, at, text, reason, related_id) SELECT item_id, 'conflict_resolved', at, text, 'kept both', NULL FROM memory_history WHERE seq = 1;";
            await old.ExecuteNonQueryAsync(None);
        }

        var item = await store.GetAsync(saved.Item.Id, None);
        var history = await store.GetHistoryAsync(saved.Item.Id, None);

        Assert.Equal(MemorySourceKind.Mcp, item!.Source.Kind);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Forgotten, MemoryChangeKind.ConflictResolved], history.Select(h => h.Change));
    }

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
