using Chitin.Platform.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chitin.Platform.Tests.Sqlite;

public sealed class ConnectionGateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-gate-").FullName;

    [Fact]
    public async Task Work_runs_one_caller_at_a_time()
    {
        var gate = new ConnectionGate(Path.Combine(_folder, "t.db"), this);
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => gate.RunAsync(
            "count",
            async () =>
            {
                most = Math.Max(most, Interlocked.Increment(ref inside));
                await Task.Yield();
                Interlocked.Decrement(ref inside);
                return true;
            },
            CancellationToken.None))));

        Assert.Equal(1, most);
    }

    [Fact]
    public async Task A_sqlite_error_names_the_file_and_what_the_store_was_doing()
    {
        var path = Path.Combine(_folder, "t.db");
        using var connection = ChitinDatabase.Connect(path);
        var gate = new ConnectionGate(path, this);

        var error = await Assert.ThrowsAsync<DatabaseException>(() => gate.RunAsync(
            "list the widgets",
            () => connection.Scalar("SELECT * FROM missing_table;"),
            CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("list the widgets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_runs_once_and_later_work_is_refused()
    {
        var gate = new ConnectionGate(Path.Combine(_folder, "t.db"), this);
        var closed = 0;

        await gate.CloseAsync(() => closed++);
        await gate.CloseAsync(() => closed++);

        Assert.Equal(1, closed);
        var refused = await Assert.ThrowsAsync<ObjectDisposedException>(() => gate.RunAsync("read", () => 1, CancellationToken.None));
        Assert.Equal(GetType().FullName, refused.ObjectName);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
