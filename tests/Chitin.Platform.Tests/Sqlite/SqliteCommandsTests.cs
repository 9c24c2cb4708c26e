using Chitin.Platform.Sqlite;

namespace Chitin.Platform.Tests.Sqlite;

public sealed class SqliteCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-cmd-").FullName;

    private string DatabasePath => Path.Join(_folder, "chitin.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReadAll_maps_every_row_in_the_order_the_query_returns_them()
    {
        var notes = new SchemaComponent("notes", [new(1, "notes", "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT) STRICT;")]);
        ChitinDatabase.Close(ChitinDatabase.Open(DatabasePath, notes));
        using var connection = ChitinDatabase.Connect(DatabasePath);
        connection.Execute("INSERT INTO notes (id, text) VALUES (1, 'a'), (2, NULL), (3, 'c');");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, text FROM notes WHERE id >= $from ORDER BY id DESC";
        command.Parameters.AddWithValue("$from", 2);

        var rows = command.ReadAll(reader => (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)));

        Assert.Equal([(3L, "c"), (2L, (string?)null)], rows);

        // The reader is closed when ReadAll returns, so the same command can run again.
        command.Parameters["$from"].Value = 4;
        Assert.Empty(command.ReadAll(reader => reader.GetInt64(0)));
        ChitinDatabase.Close(connection);
    }
}
