using Chitin.Memory.Capture;
using Chitin.Memory.Tests.Loop;
using Chitin.Platform.Sqlite;
using Chitin.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chitin.Memory.Tests.Capture;

public sealed class SqliteCaptureMarksTests : IDisposable
{
    private readonly TestFolder _folder = new();

    [Fact]
    public async Task A_mark_survives_reopening_and_only_moves_forward()
    {
        using var marks = await SqliteCaptureMarks.OpenAsync(_folder.DatabasePath, CancellationToken.None);
        Assert.Equal(0, await marks.GetCapturedThroughAsync("s1", CancellationToken.None));

        await marks.SetCapturedThroughAsync("s1", 7, CancellationToken.None);
        await marks.SetCapturedThroughAsync("s1", 3, CancellationToken.None);
        await marks.SetCapturedThroughAsync("s2", 2, CancellationToken.None);

        using var reopened = await SqliteCaptureMarks.OpenAsync(_folder.DatabasePath, CancellationToken.None);
        Assert.Equal(7, await reopened.GetCapturedThroughAsync("s1", CancellationToken.None));
        Assert.Equal(2, await reopened.GetCapturedThroughAsync("s2", CancellationToken.None));

        // Each keeps its own long-lived connection: what one writes, the other reads at once (as another process would).
        await reopened.SetCapturedThroughAsync("s1", 9, CancellationToken.None);
        Assert.Equal(9, await marks.GetCapturedThroughAsync("s1", CancellationToken.None));
        reopened.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reopened.GetCapturedThroughAsync("s1", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_file_made_by_the_marks_is_still_opened_by_the_session_store()
    {
        using var marks = await SqliteCaptureMarks.OpenAsync(_folder.DatabasePath, CancellationToken.None);
        await marks.SetCapturedThroughAsync("s1", 4, CancellationToken.None);

        await using (var store = await SqliteChitinStore.OpenAsync(_folder.DatabasePath, CancellationToken.None))
        {
            Assert.Empty(await store.ListSessionsAsync(10, CancellationToken.None));
        }

        Assert.Equal(0x43484954L, await ScalarAsync("PRAGMA application_id;"));
        Assert.Equal(4, await marks.GetCapturedThroughAsync("s1", CancellationToken.None));
    }

    [Fact]
    public async Task Marks_join_an_existing_chitin_database()
    {
        await using (await SqliteChitinStore.OpenAsync(_folder.DatabasePath, CancellationToken.None))
        {
        }

        using var marks = await SqliteCaptureMarks.OpenAsync(_folder.DatabasePath, CancellationToken.None);
        await marks.SetCapturedThroughAsync("s1", 1, CancellationToken.None);

        await using var again = await SqliteChitinStore.OpenAsync(_folder.DatabasePath, CancellationToken.None);
        Assert.Equal(1, await marks.GetCapturedThroughAsync("s1", CancellationToken.None));
    }

    [Fact]
    public async Task Another_applications_database_is_refused_and_left_untouched()
    {
        await ExecuteAsync("PRAGMA application_id = 42; CREATE TABLE theirs (x INTEGER);");

        var error = await Assert.ThrowsAsync<DatabaseException>(() => SqliteCaptureMarks.OpenAsync(_folder.DatabasePath, CancellationToken.None));

        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'memory_capture%';"));
    }

    [Fact]
    public async Task A_table_written_by_a_newer_chitin_is_refused_with_a_clear_error()
    {
        (await SqliteCaptureMarks.OpenAsync(_folder.DatabasePath, CancellationToken.None)).Dispose();
        await ExecuteAsync("UPDATE chitin_schema SET version = 9 WHERE component = 'memory_capture';");

        var error = await Assert.ThrowsAsync<DatabaseException>(() => SqliteCaptureMarks.OpenAsync(_folder.DatabasePath, CancellationToken.None));

        Assert.Contains("newer Chitin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gets_an_error_naming_it()
    {
        await File.WriteAllTextAsync(_folder.DatabasePath, "this is not sqlite, just text that is long enough to fill a header page........");

        var error = await Assert.ThrowsAsync<DatabaseException>(() => SqliteCaptureMarks.OpenAsync(_folder.DatabasePath, CancellationToken.None));

        Assert.Contains(_folder.DatabasePath, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
