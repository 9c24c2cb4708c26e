using Chitin.Platform.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chitin.Platform.Tests.Sqlite;

public sealed class StatementCacheTests : IDisposable
{
    private const string Insert = "INSERT INTO t (k, v) VALUES ($k, $v);";
    private const string Lookup = "SELECT v FROM t WHERE k = $k;";

    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-statements-").FullName;

    [Fact]
    public void A_statement_is_kept_for_its_text_and_handed_out_without_the_last_callers_parameters()
    {
        using var connection = Open();
        using var cache = new StatementCache(connection);

        var first = cache.Get(Insert);
        first.Parameters.AddWithValue("$k", "a");
        first.Parameters.AddWithValue("$v", 1);
        first.ExecuteNonQuery();
        var second = cache.Get(Insert);
        var emptyAfterReuse = second.Parameters.Count;
        second.Parameters.AddWithValue("$k", "b");
        second.Parameters.AddWithValue("$v", 2);
        second.ExecuteNonQuery();

        Assert.Same(first, second);
        Assert.Equal(0, emptyAfterReuse);
        Assert.Equal(2L, ValueOf(cache, "b"));
        Assert.Equal(1L, ValueOf(cache, "a"));
        Assert.NotSame(first, cache.Get(Lookup));
    }

    [Fact]
    public void A_caller_that_ran_another_statement_on_it_does_not_change_what_the_text_runs_next()
    {
        using var connection = Open();
        connection.Execute("INSERT INTO t (k, v) VALUES ('a', 7), ('b', 8);");
        using var cache = new StatementCache(connection);

        var lookup = cache.Get(Lookup);
        lookup.CommandText = "SELECT count(*) FROM t;";
        var count = lookup.ExecuteScalar();

        Assert.Equal(2L, count);
        Assert.Equal(7L, ValueOf(cache, "a"));
        Assert.Equal(Lookup, cache.Get(Lookup).CommandText);
    }

    [Fact]
    public void A_reused_statement_keeps_its_parameters_and_joins_the_callers_transaction()
    {
        using var connection = Open();
        using var cache = new StatementCache(connection);

        using (var transaction = connection.BeginTransaction())
        {
            foreach (var (k, v) in new[] { ("a", 1L), ("b", 2L) })
            {
                var insert = cache.Reused(Insert, transaction, "$k", "$v");
                insert.Parameters["$k"].Value = k;
                insert.Parameters["$v"].Value = v;
                insert.ExecuteNonQuery();
            }

            Assert.Same(transaction, cache.Reused(Insert, transaction, "$k", "$v").Transaction);
            transaction.Rollback();
        }

        var kept = cache.Reused(Insert, null, "$k", "$v");
        kept.Parameters["$k"].Value = "c";
        kept.Parameters["$v"].Value = 3L;
        kept.ExecuteNonQuery();

        Assert.Equal(["$k", "$v"], kept.Parameters.Cast<SqliteParameter>().Select(p => p.ParameterName));
        Assert.Equal(1L, cache.Get("SELECT count(*) FROM t;").ExecuteScalar());
        Assert.Equal(3L, ValueOf(cache, "c"));
    }

    [Fact]
    public async Task The_shared_connection_runs_kept_statements_one_at_a_time_and_reports_errors_in_the_task()
    {
        var path = Path.Combine(_folder, "shared.db");
        using (var setup = Open(path))
        {
            setup.Execute("INSERT INTO t (k, v) VALUES ('a', 1);");
        }

        var shared = new SharedConnection(Open(path));
        var values = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => shared.Run(Lookup, CancellationToken.None, c =>
        {
            c.Parameters.AddWithValue("$k", "a");
            return (long)c.ExecuteScalar()!;
        }))));
        var failure = shared.Run("SELECT * FROM missing_table;", CancellationToken.None, c => c.ExecuteScalar());

        Assert.All(values, v => Assert.Equal(1L, v));
        await Assert.ThrowsAsync<SqliteException>(() => failure);
        shared.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => shared.Run(Lookup, CancellationToken.None, c => c.ExecuteScalar()));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static long ValueOf(StatementCache cache, string key)
    {
        var lookup = cache.Get(Lookup);
        lookup.Parameters.AddWithValue("$k", key);
        return (long)lookup.ExecuteScalar()!;
    }

    private SqliteConnection Open(string? path = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path ?? Path.Combine(_folder, "t.db"), Pooling = false }.ToString());
        connection.Open();
        connection.Execute("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER NOT NULL);");
        return connection;
    }
}
