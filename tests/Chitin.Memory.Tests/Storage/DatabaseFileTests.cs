using Chitin.Core.Sessions;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Chitin.Platform.Sqlite;
using Chitin.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Storage;

public sealed class DatabaseFileTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_file_that_is_not_a_database_gets_a_clear_error_and_is_left_untouched()
    {
        await using var folder = new MemoryStoreFolder();
        var garbage = string.Concat(Enumerable.Repeat("these are my holiday notes, not a database. ", 200));
        await File.WriteAllTextAsync(folder.DatabasePath, garbage);

        var error = await Assert.ThrowsAsync<DatabaseException>(() => folder.OpenAsync());

        Assert.Equal(DatabaseErrorKind.NotADatabase, error.Kind);
        Assert.Equal(folder.DatabasePath, error.DatabasePath);
        Assert.Contains(folder.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllTextAsync(folder.DatabasePath));
    }

    [Fact]
    public async Task A_damaged_database_gets_a_clear_error_naming_the_file()
    {
        await using var folder = new MemoryStoreFolder();
        await using (var store = await SqliteMemoryStore.OpenAsync(folder.DatabasePath, new MemoryStoreOptions(), None))
        {
            for (var i = 0; i < 300; i++)
            {
                await store.SaveAsync(Draft($"Fact {i}: the build server number {i} lives in room {i * 3}"), Writer, None);
            }
        }

        // Keep the header and schema page, overwrite the data pages.
        await using (var file = new FileStream(folder.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.Position = 8192;
            var noise = Enumerable.Repeat((byte)0xA5, (int)file.Length - 8192).ToArray();
            await file.WriteAsync(noise);
        }

        var error = await Assert.ThrowsAsync<DatabaseException>(() => folder.OpenAsync());

        Assert.Contains(error.Kind, new[] { DatabaseErrorKind.Corrupt, DatabaseErrorKind.NotADatabase });
        Assert.Contains(folder.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("Move it aside", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_applications_database_is_refused_and_not_modified()
    {
        await using var folder = new MemoryStoreFolder();
        await using (var connection = new SqliteConnection($"Data Source={folder.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE recipes (name TEXT);";
            await command.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(folder.DatabasePath);

        var error = await Assert.ThrowsAsync<DatabaseException>(() => folder.OpenAsync());

        Assert.Equal(DatabaseErrorKind.NotAChitinDatabase, error.Kind);
        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(folder.DatabasePath));
    }

    [Fact]
    public async Task Memory_tables_written_by_a_newer_chitin_are_refused()
    {
        await using var folder = new MemoryStoreFolder();
        await (await folder.OpenAsync()).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={folder.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE chitin_schema SET version = 99 WHERE component = 'memory';";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<DatabaseException>(() => folder.OpenAsync());

        Assert.Equal(DatabaseErrorKind.NewerSchema, error.Kind);
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_memory_store_shares_the_file_with_sessions_in_either_opening_order()
    {
        await using var memoryFirst = new MemoryStoreFolder();
        var memory = await memoryFirst.OpenAsync();
        await memory.SaveAsync(Draft("The user's name is Ana"), Writer, None);
        await using (var sessions = await SqliteChitinStore.OpenAsync(memoryFirst.DatabasePath, None))
        {
            await sessions.CreateSessionAsync(new SessionInfo { Id = "ses_a", Title = "t", Agent = "main", Workspace = "/w" }, None);
            Assert.NotNull(await sessions.GetSessionAsync("ses_a", None));
        }

        Assert.Single(await memory.SearchAsync(new MemorySearchQuery { Text = "name", Viewer = Writer }, None));

        await using var sessionsFirst = new MemoryStoreFolder();
        await using (var sessions = await SqliteChitinStore.OpenAsync(sessionsFirst.DatabasePath, None))
        {
            await sessions.CreateSessionAsync(new SessionInfo { Id = "ses_b", Title = "t", Agent = "main", Workspace = "/w" }, None);
        }

        var second = await sessionsFirst.OpenAsync();
        await second.SaveAsync(Draft("The user's name is Bo"), Writer, None);
        await using (var reopened = await SqliteChitinStore.OpenAsync(sessionsFirst.DatabasePath, None))
        {
            Assert.NotNull(await reopened.GetSessionAsync("ses_b", None));
        }

        Assert.Equal(0x43484954, await ApplicationIdAsync(sessionsFirst.DatabasePath));
        Assert.Equal(0x43484954, await ApplicationIdAsync(memoryFirst.DatabasePath));
    }

    [Fact]
    public async Task Two_stores_on_one_file_see_each_others_committed_saves_after_reopening()
    {
        await using var folder = new MemoryStoreFolder();
        var a = await folder.OpenAsync();
        var b = await folder.OpenAsync();

        var saved = await a.SaveAsync(Draft("The user's favourite tea is genmaicha"), Writer, None);

        AssertSameItem(saved.Item, await b.GetAsync(saved.Item.Id, None));
        Assert.Equal(saved.Item.Id, Assert.Single(await b.SearchAsync(new MemorySearchQuery { Text = "genmaicha", Viewer = Writer, Mode = RetrievalMode.Lexical }, None)).Item.Id);
    }

    private static async Task<long> ApplicationIdAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA application_id;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
