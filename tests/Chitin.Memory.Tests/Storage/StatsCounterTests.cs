using System.Globalization;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Chitin.Platform.Sqlite;
using Microsoft.Data.Sqlite;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Storage;

/// <summary>The stats come from counters the triggers keep; after every kind of change they must equal a full recount of the rows.</summary>
public sealed class StatsCounterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Stats_equal_a_recount_of_the_rows_after_saves_pins_edits_forgets_supersedes_expiry_deletes_and_reopening()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false });
        var bike = await store.SaveAsync(Draft("The user's bike is a green Brompton"), Writer, None);
        await store.SaveAsync(Draft("The deploy runbook lives in docs/deploy.md", MemoryScope.Project, MemoryLayer.Procedural), Writer, None);
        await store.SaveAsync(Draft("Yesterday the team fixed the flaky login test", MemoryScope.Agent, MemoryLayer.Episodic), Writer, None);
        var expiring = await store.SaveAsync(
            new MemoryDraft { Text = "The office wifi password rotates this week", Scope = MemoryScope.User, Source = new MemorySource(MemorySourceKind.Cli), ExpiresAt = folder.Clock.Now.AddDays(1) },
            Writer,
            None);
        var batch = await store.SaveManyAsync([Draft("The staging database is Postgres 17"), Draft("Deploys happen on Thursdays"), Draft("The build server runs Debian trixie")], Writer, None);
        await store.SetPinnedAsync(bike.Item.Id, true, None);
        await store.SetPinnedAsync(expiring.Item.Id, true, None);
        await store.SetPinnedAsync(batch[1].Item.Id, true, None);
        await store.SetPinnedAsync(batch[1].Item.Id, false, None);
        await store.EditAsync(batch[0].Item.Id, "The staging database is Postgres 18", "upgraded", None);
        await store.ForgetAsync(batch[2].Item.Id, "moved to Fedora", None);
        await store.SaveAsync(Draft("The user's bike is a red Brompton"), Writer, None);
        await store.EnsureVectorsAsync(None);
        await AssertMatchesRecountAsync(store, folder);

        folder.Clock.Advance(TimeSpan.FromDays(2));
        await AssertMatchesRecountAsync(store, folder);
        Assert.Equal(1, (await store.GetStatsAsync(None)).Expired);

        Assert.True(await store.DeleteAsync(batch[1].Item.Id, None));
        await AssertMatchesRecountAsync(store, folder);

        var reopened = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false });
        await AssertMatchesRecountAsync(reopened, folder);
    }

    private static async Task AssertMatchesRecountAsync(SqliteMemoryStore store, MemoryStoreFolder folder)
    {
        var stats = await store.GetStatsAsync(None);
        var now = TimestampColumn.Text(folder.Clock.Now);
        await using var connection = new SqliteConnection($"Data Source={folder.DatabasePath};Pooling=False");
        await connection.OpenAsync(None);
        const string Current = "valid_to IS NULL AND (expires_at IS NULL OR expires_at > $now)";
        Assert.Equal(Count(connection, "1", now), stats.Total);
        Assert.Equal(Count(connection, Current, now), stats.Current);
        Assert.Equal(Count(connection, "valid_to IS NOT NULL", now), stats.Superseded);
        Assert.Equal(Count(connection, "valid_to IS NULL AND expires_at IS NOT NULL AND expires_at <= $now", now), stats.Expired);
        Assert.Equal(Count(connection, $"pinned = 1 AND {Current}", now), stats.Pinned);
        foreach (var layer in new[] { "semantic", "procedural", "episodic", "working" })
        {
            Assert.Equal(Count(connection, $"layer = '{layer}' AND {Current}", now), stats.ByLayer.GetValueOrDefault(layer));
        }

        foreach (var scope in new[] { "user", "project", "agent", "session" })
        {
            Assert.Equal(Count(connection, $"scope = '{scope}' AND {Current}", now), stats.ByScope.GetValueOrDefault(scope));
        }

        using var vectors = connection.CreateCommand();
        vectors.CommandText = "SELECT count(*) FROM memory_vectors WHERE embedder = $embedder;";
        vectors.Parameters.AddWithValue("$embedder", stats.Embedder);
        Assert.Equal(Convert.ToInt64(vectors.ExecuteScalar(), CultureInfo.InvariantCulture), stats.Embedded);
    }

    private static long Count(SqliteConnection connection, string where, string now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM memory_items WHERE {where};";
        command.Parameters.AddWithValue("$now", now);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
