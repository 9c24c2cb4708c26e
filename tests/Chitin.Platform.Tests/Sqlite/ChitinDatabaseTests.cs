using Chitin.Platform.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chitin.Platform.Tests.Sqlite;

public sealed class ChitinDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-db-").FullName;

    private string DatabasePath => Path.Join(_folder, "chitin.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_component_keeps_its_own_version_on_the_shared_file()
    {
        var notes = new SchemaComponent("notes", [new(1, "notes", "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY) STRICT;")]);
        var tags = new SchemaComponent("tags",
        [
            new(1, "tags", "CREATE TABLE IF NOT EXISTS tags (id INTEGER PRIMARY KEY) STRICT;"),
            new(2, "tag names", "ALTER TABLE tags ADD COLUMN name TEXT;"),
        ]);

        ChitinDatabase.Close(ChitinDatabase.Open(DatabasePath, notes));
        using var connection = ChitinDatabase.Open(DatabasePath, tags);

        Assert.Equal(1, connection.ScalarInt("SELECT version FROM chitin_schema WHERE component = 'notes';"));
        Assert.Equal(2, connection.ScalarInt("SELECT version FROM chitin_schema WHERE component = 'tags';"));
        Assert.Equal("wal", connection.Scalar("PRAGMA journal_mode;"));
        Assert.Equal(ChitinDatabase.BusyTimeoutMs, connection.ScalarInt("PRAGMA busy_timeout;"));
        Assert.Equal(1, connection.ScalarInt("PRAGMA foreign_keys;"));
        connection.Execute("INSERT INTO tags (name) VALUES ('x');");
        ChitinDatabase.Close(connection);

        // Opening again runs nothing twice: migration 2 is not idempotent and would fail if re-run.
        ChitinDatabase.Close(ChitinDatabase.Open(DatabasePath, tags));
    }

    [Fact]
    public void A_component_written_by_a_newer_chitin_is_refused_and_left_alone()
    {
        var notes = new SchemaComponent("notes", [new(1, "notes", "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY) STRICT;")]);
        using (var connection = ChitinDatabase.Open(DatabasePath, notes))
        {
            connection.Execute("UPDATE chitin_schema SET version = 7 WHERE component = 'notes';");
            ChitinDatabase.Close(connection);
        }

        var error = Assert.Throws<DatabaseException>(() => ChitinDatabase.Open(DatabasePath, notes));

        Assert.Equal(DatabaseErrorKind.NewerSchema, error.Kind);
        Assert.Contains("notes tables", error.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_applications_database_is_refused_byte_for_byte_untouched()
    {
        using (var foreign = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            foreign.Open();
            foreign.Execute("CREATE TABLE theirs (x TEXT);");
        }

        var before = File.ReadAllBytes(DatabasePath);
        var notes = new SchemaComponent("notes", [new(1, "notes", "CREATE TABLE IF NOT EXISTS notes (id INTEGER) STRICT;")]);

        var error = Assert.Throws<DatabaseException>(() => ChitinDatabase.Open(DatabasePath, notes));

        Assert.Equal(DatabaseErrorKind.NotAChitinDatabase, error.Kind);
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_classified_with_a_hint()
    {
        File.WriteAllText(DatabasePath, new string('x', 4096));

        var error = Assert.Throws<DatabaseException>(() => ChitinDatabase.Open(DatabasePath, new SchemaComponent("notes", [new(1, "n", "SELECT 1;")])));

        Assert.Equal(DatabaseErrorKind.NotADatabase, error.Kind);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("point Chitin at another database path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_must_be_numbered_from_one()
    {
        var error = Assert.Throws<ArgumentException>(() => new SchemaComponent("bad", [new(2, "x", "SELECT 1;")]));
        Assert.Contains("versions must run 1, 2, 3", error.Message, StringComparison.Ordinal);
    }

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
