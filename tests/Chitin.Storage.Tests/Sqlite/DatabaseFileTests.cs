using Chitin.Core.Metering;
using Chitin.Core.Sessions;
using Chitin.Platform.Sqlite;
using Chitin.Storage.Sqlite;

namespace Chitin.Storage.Tests.Sqlite;

public sealed class DatabaseFileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Opening_creates_missing_folders_and_configures_wal_normal_sync_and_foreign_keys()
    {
        using var temp = new TempDatabase(Path.Combine("nested", "deeper", "chitin.db"));
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(SessionStoreTests.NewSession("s"), CancellationToken.None);

        Assert.True(File.Exists(temp.Path));
        Assert.Equal(temp.Path, store.DatabasePath);
        Assert.True(File.Exists(temp.Path + "-wal"));
        Assert.Equal("wal", RawSqlite.Scalar(temp.Path, "PRAGMA journal_mode;"));
        Assert.Equal(1L, await store.ExecuteScalarForTestsAsync("PRAGMA synchronous;", CancellationToken.None)); // NORMAL
        Assert.Equal(1L, await store.ExecuteScalarForTestsAsync("PRAGMA foreign_keys;", CancellationToken.None));
        Assert.Equal(10_000L, await store.ExecuteScalarForTestsAsync("PRAGMA busy_timeout;", CancellationToken.None));
        Assert.Equal((long)SchemaMigrations.Component.LatestVersion, RawSqlite.Scalar(temp.Path, "SELECT version FROM chitin_schema WHERE component = 'sessions';"));
        Assert.Equal(0x43484954L, RawSqlite.Scalar(temp.Path, "PRAGMA application_id;"));
    }

    [Fact]
    public async Task Relative_paths_are_made_absolute()
    {
        using var temp = new TempDatabase();
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, temp.Path);
        await using var store = await SqliteChitinStore.OpenAsync(relative, CancellationToken.None);

        Assert.Equal(temp.Path, store.DatabasePath);
    }

    [Fact]
    public async Task Reopening_after_dispose_keeps_everything_and_releases_the_files()
    {
        using var temp = new TempDatabase();
        var message = new SessionMessage
        {
            Role = MessageRole.Assistant, Text = "🦞", ToolCalls = [new("c1", "shell", """{"cmd":"ls"}""")], Step = 2, CreatedAt = T0,
        };
        var usage = new UsageRecord { SessionId = "s", Model = "gpt-5", InputTokens = 10, CostUsd = 0.0123m, CreatedAt = T0 };
        await using (var first = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None))
        {
            await first.CreateSessionAsync(SessionStoreTests.NewSession("s"), CancellationToken.None);
            await first.AppendMessageAsync("s", message, CancellationToken.None);
            await first.RecordUsageAsync(usage, CancellationToken.None);
            await first.UpdateSessionAsync("s", SessionStatus.Done, "gpt-5", CancellationToken.None);
        }

        // The connection is really closed: SQLite checkpointed and removed its side files.
        Assert.False(File.Exists(temp.Path + "-wal"));
        Assert.False(File.Exists(temp.Path + "-shm"));

        await using var second = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        var session = await second.GetSessionAsync("s", CancellationToken.None);
        var messages = await second.LoadMessagesAsync("s", CancellationToken.None);
        Assert.Equal((SessionStatus.Done, "gpt-5", 1L), (session!.Status, session.Model, session.MessageCount));
        Assert.Equal(message.ToolCalls, messages.Single().ToolCalls);
        Assert.Equal(message with { Sequence = 1, ToolCalls = messages[0].ToolCalls }, messages[0]);
        Assert.Equal([usage], await second.LoadUsageAsync("s", CancellationToken.None));
        var next = await second.AppendMessageAsync("s", SessionMessage.User("again", T0), CancellationToken.None);
        Assert.Equal(2, next.Sequence);
    }

    [Fact]
    public async Task Committed_writes_are_in_the_files_before_dispose_so_a_killed_process_keeps_them()
    {
        using var temp = new TempDatabase();
        var crashCopy = Path.Combine(temp.Folder, "copy", "chitin.db");
        Directory.CreateDirectory(Path.GetDirectoryName(crashCopy)!);
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(SessionStoreTests.NewSession("s"), CancellationToken.None);
        await store.AppendMessageAsync("s", SessionMessage.User("survives", T0), CancellationToken.None);
        await store.RecordUsageAsync(new UsageRecord { SessionId = "s", Model = "m", CostUsd = 1m, CreatedAt = T0 }, CancellationToken.None);

        // What a process killed right now leaves on disk: the database and its write-ahead log, store still open.
        File.Copy(temp.Path, crashCopy);
        File.Copy(temp.Path + "-wal", crashCopy + "-wal");

        await using var recovered = await SqliteChitinStore.OpenAsync(crashCopy, CancellationToken.None);
        Assert.Equal("survives", (await recovered.LoadMessagesAsync("s", CancellationToken.None)).Single().Text);
        Assert.Single(await recovered.LoadUsageAsync("s", CancellationToken.None));
    }

    [Fact]
    public async Task Two_stores_on_one_file_write_concurrently_like_two_processes()
    {
        using var temp = new TempDatabase();
        var opened = await Task.WhenAll(
            SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None),
            SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None),
            SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None));
        await using var a = opened[0];
        await using var b = opened[1];
        await using (opened[2])
        {
        }

        await a.CreateSessionAsync(SessionStoreTests.NewSession("shared"), CancellationToken.None);
        var writes = Enumerable.Range(0, 100).SelectMany(i => new[]
        {
            Task.Run(() => a.AppendMessageAsync("shared", SessionMessage.User($"a{i}", T0), CancellationToken.None)),
            Task.Run(() => b.AppendMessageAsync("shared", SessionMessage.User($"b{i}", T0), CancellationToken.None)),
        });
        var usage = Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            Task.Run(() => a.RecordUsageAsync(new UsageRecord { SessionId = "shared", Model = "a", CostUsd = 0.01m, CreatedAt = T0 }, CancellationToken.None)),
            Task.Run(() => b.RecordUsageAsync(new UsageRecord { SessionId = "shared", Model = "b", CostUsd = 0.01m, CreatedAt = T0 }, CancellationToken.None)),
        });
        var appended = await Task.WhenAll(writes);
        await Task.WhenAll(usage);

        var seenByA = await a.LoadMessagesAsync("shared", CancellationToken.None);
        var seenByB = await b.LoadMessagesAsync("shared", CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), appended.Select(m => m.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seenByB.Select(m => m.Sequence));
        Assert.Equal(seenByA.Select(m => m.Text), seenByB.Select(m => m.Text));
        Assert.Equal(200, seenByA.Select(m => m.Text).Distinct().Count());
        Assert.Equal(1m, (await a.SummarizeAsync(UsageGrouping.Session, null, CancellationToken.None)).Single().CostUsd);
        Assert.Equal(100, (await b.LoadUsageAsync("shared", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Deleting_a_session_removes_its_messages_and_usage_only()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        foreach (var id in new[] { "gone", "kept" })
        {
            await store.CreateSessionAsync(SessionStoreTests.NewSession(id), CancellationToken.None);
            await store.AppendMessageAsync(id, SessionMessage.User("hello", T0), CancellationToken.None);
            await store.AppendMessageAsync(id, new SessionMessage { Role = MessageRole.Assistant, ToolCalls = [new("c", "t", "{}")], CreatedAt = T0 }, CancellationToken.None);
            await store.RecordUsageAsync(new UsageRecord { SessionId = id, Model = "m", CostUsd = 1m, CreatedAt = T0 }, CancellationToken.None);
        }

        Assert.True(await store.DeleteSessionAsync("gone", CancellationToken.None));

        Assert.Null(await store.GetSessionAsync("gone", CancellationToken.None));
        Assert.Empty(await store.LoadMessagesAsync("gone", CancellationToken.None));
        Assert.Empty(await store.LoadUsageAsync("gone", CancellationToken.None));
        Assert.Equal(0, RawSqlite.Count(temp.Path, "SELECT count(*) FROM messages WHERE session_id = 'gone';"));
        Assert.Equal(0, RawSqlite.Count(temp.Path, "SELECT count(*) FROM usage WHERE session_id = 'gone';"));
        Assert.Equal(2, (await store.LoadMessagesAsync("kept", CancellationToken.None)).Count);
        Assert.Single(await store.LoadUsageAsync("kept", CancellationToken.None));
        Assert.Equal(["kept"], (await store.ListSessionsAsync(10, CancellationToken.None)).Select(s => s.Id));
        Assert.False(await store.DeleteSessionAsync("gone", CancellationToken.None));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(100)]
    [InlineData(8192)]
    public async Task A_file_that_is_not_a_database_gives_a_clear_error_naming_it_and_is_left_untouched(int size)
    {
        using var temp = new TempDatabase();
        var content = string.Concat(Enumerable.Repeat("not a database\n", (size / 15) + 1))[..size];
        await File.WriteAllTextAsync(temp.Path, content);

        var error = await Assert.ThrowsAsync<DatabaseException>(() => SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None));

        Assert.Equal(DatabaseErrorKind.NotADatabase, error.Kind);
        Assert.Equal(temp.Path, error.DatabasePath);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllTextAsync(temp.Path));
    }

    [Fact]
    public async Task A_database_of_another_application_is_refused_and_left_untouched()
    {
        using var temp = new TempDatabase();
        RawSqlite.Scalar(temp.Path, "CREATE TABLE sessions (x); INSERT INTO sessions VALUES (42);");

        var error = await Assert.ThrowsAsync<DatabaseException>(() => SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None));

        Assert.Equal(DatabaseErrorKind.NotAChitinDatabase, error.Kind);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(42L, RawSqlite.Scalar(temp.Path, "SELECT x FROM sessions;"));
        Assert.Equal(0L, RawSqlite.Scalar(temp.Path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task A_database_from_a_newer_chitin_asks_to_upgrade_and_is_left_untouched()
    {
        using var temp = new TempDatabase();
        await using (var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None))
        {
            await store.CreateSessionAsync(SessionStoreTests.NewSession("s"), CancellationToken.None);
        }

        var newer = SchemaMigrations.Component.LatestVersion + 5;
        RawSqlite.Scalar(temp.Path, $"UPDATE chitin_schema SET version = {newer} WHERE component = 'sessions';");

        var error = await Assert.ThrowsAsync<DatabaseException>(() => SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None));

        Assert.Equal(DatabaseErrorKind.NewerSchema, error.Kind);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade Chitin", error.Message, StringComparison.Ordinal);
        Assert.Contains($"version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Equal((long)newer, RawSqlite.Scalar(temp.Path, "SELECT version FROM chitin_schema WHERE component = 'sessions';"));
        Assert.Equal(1L, RawSqlite.Count(temp.Path, "SELECT count(*) FROM sessions;"));
    }

    [Fact]
    public async Task A_read_only_file_gives_a_clear_error_naming_it()
    {
        using var temp = new TempDatabase();
        await using (var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None))
        {
            await store.CreateSessionAsync(SessionStoreTests.NewSession("s"), CancellationToken.None);
        }

        temp.MakeReadOnly(temp.Path);

        var error = await Assert.ThrowsAsync<DatabaseException>(() => SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None));

        Assert.Equal(DatabaseErrorKind.ReadOnly, error.Kind);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("writable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_gives_a_clear_error_naming_the_file()
    {
        using var temp = new TempDatabase();
        var blocker = Path.Combine(temp.Folder, "blocker");
        await File.WriteAllTextAsync(blocker, "a file where a folder should be");
        var path = Path.Combine(blocker, "chitin.db");

        var error = await Assert.ThrowsAsync<DatabaseException>(() => SqliteChitinStore.OpenAsync(path, CancellationToken.None));

        Assert.Equal(DatabaseErrorKind.CannotOpen, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_disk_fails_with_a_clear_error_and_leaves_nothing_half_written()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(SessionStoreTests.NewSession("s"), CancellationToken.None);
        await store.AppendMessageAsync("s", SessionMessage.User("before", T0), CancellationToken.None);
        var before = await store.GetSessionAsync("s", CancellationToken.None);

        // Cap the file at its current size: SQLite then reports SQLITE_FULL exactly as for a full disk.
        var pages = await store.ExecuteScalarForTestsAsync("PRAGMA page_count;", CancellationToken.None);
        await store.ExecuteScalarForTestsAsync($"PRAGMA max_page_count = {pages};", CancellationToken.None);
        var big = new string('x', 1_000_000);

        var error = await Assert.ThrowsAsync<DatabaseException>(
            () => store.AppendMessageAsync("s", SessionMessage.User(big, T0.AddHours(1)), CancellationToken.None));
        var usageError = await Assert.ThrowsAsync<DatabaseException>(
            () => store.RecordUsageAsync(new UsageRecord { SessionId = "s", Model = big, CreatedAt = T0 }, CancellationToken.None));

        Assert.Equal(DatabaseErrorKind.DiskFull, error.Kind);
        Assert.Equal(DatabaseErrorKind.DiskFull, usageError.Kind);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("full", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.GetSessionAsync("s", CancellationToken.None)); // updated_at not bumped either
        Assert.Equal(["before"], (await store.LoadMessagesAsync("s", CancellationToken.None)).Select(m => m.Text));
        Assert.Empty(await store.LoadUsageAsync("s", CancellationToken.None));

        await store.ExecuteScalarForTestsAsync("PRAGMA max_page_count = 1073741823;", CancellationToken.None);
        var after = await store.AppendMessageAsync("s", SessionMessage.User(big, T0.AddHours(1)), CancellationToken.None);
        Assert.Equal(2, after.Sequence);
    }

    [Fact]
    public async Task A_damaged_file_gives_a_clear_error_naming_it()
    {
        using var temp = new TempDatabase();
        await using (var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None))
        {
            await store.CreateSessionAsync(SessionStoreTests.NewSession("s"), CancellationToken.None);
            await store.AppendMessageAsync("s", SessionMessage.User("hello", T0), CancellationToken.None);
        }

        // Keep page 1 (header and schema) and scribble over every other page.
        var pageSize = (int)RawSqlite.Count(temp.Path, "PRAGMA page_size;");
        var bytes = await File.ReadAllBytesAsync(temp.Path);
        Assert.True(bytes.Length > pageSize);
        Array.Fill(bytes, (byte)0xA5, pageSize, bytes.Length - pageSize);
        await File.WriteAllBytesAsync(temp.Path, bytes);

        var error = await Assert.ThrowsAsync<DatabaseException>(async () =>
        {
            await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
            await store.LoadMessagesAsync("s", CancellationToken.None);
        });

        Assert.Equal(DatabaseErrorKind.Corrupt, error.Kind);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(".recover", error.Message, StringComparison.Ordinal);
    }
}
