using Chitin.Storage.Sqlite;

namespace Chitin.Storage.Tests.Sqlite;

public sealed class SchemaMigrationsTests
{
    [Fact]
    public void Migrations_are_numbered_one_by_one_from_one()
    {
        var migrations = SchemaMigrations.Component.Migrations;
        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(m => m.Version));
        Assert.Equal(migrations.Count, SchemaMigrations.Component.LatestVersion);
        Assert.All(migrations, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
    }

    [Fact]
    public async Task Report_queries_use_the_indexes()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);

        var byTime = Plan(temp.Path, "SELECT model, count(*) FROM usage WHERE created_at >= '2026' GROUP BY model;");
        var bySession = Plan(temp.Path, "SELECT * FROM usage WHERE session_id = 's' ORDER BY id;");
        var sessions = Plan(temp.Path, "SELECT id FROM sessions ORDER BY updated_at DESC, id DESC LIMIT 5;");
        var messages = Plan(temp.Path, "SELECT * FROM messages WHERE session_id = 's' ORDER BY seq;");

        Assert.Contains("usage_by_time", byTime, StringComparison.Ordinal);
        Assert.Contains("usage_by_session", bySession, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", bySession, StringComparison.Ordinal);
        Assert.Contains("sessions_by_updated", sessions, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", messages, StringComparison.Ordinal);
    }

    private static string Plan(string path, string sql) => string.Join(" | ", RawSqlite.Column(path, $"EXPLAIN QUERY PLAN {sql}", 3));
}
