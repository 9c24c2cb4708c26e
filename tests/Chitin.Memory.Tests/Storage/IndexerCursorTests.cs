using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Storage;

public sealed class IndexerCursorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_item_saved_after_the_last_row_was_deleted_takes_its_number_and_still_gets_a_vector()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false });
        await store.SaveAsync(Draft("The user's bike is a green Brompton"), Writer, None);
        var last = await store.SaveAsync(Draft("The build server runs Debian trixie"), Writer, None);
        await store.EnsureVectorsAsync(None);
        Assert.Equal(2, store.VectorCount);

        Assert.True(await store.DeleteAsync(last.Item.Id, None));
        var reused = await store.SaveAsync(Draft("The office plant is a monstera called Gerald"), Writer, None);
        await store.EnsureVectorsAsync(None);

        var stats = await store.GetStatsAsync(None);
        Assert.Equal(0, stats.AwaitingEmbedding);
        Assert.Equal(2, store.VectorCount);
        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "monstera plant Gerald", Viewer = Writer, Mode = RetrievalMode.Vector }, None);
        Assert.Equal(reused.Item.Id, hits[0].Item.Id);
    }

    [Fact]
    public async Task Items_another_process_saves_after_the_indexer_caught_up_are_embedded_by_the_next_search()
    {
        await using var folder = new MemoryStoreFolder();
        var reader = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false });
        var writer = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false });
        await writer.SaveAsync(Draft("The user's bike is a green Brompton"), Writer, None);
        await reader.EnsureVectorsAsync(None);

        var later = await writer.SaveManyAsync([Draft("The staging database is Postgres 17"), Draft("Deploys happen on Thursdays")], Writer, None);
        await reader.EnsureVectorsAsync(None);

        Assert.Equal(3, reader.VectorCount);
        var hits = await reader.SearchAsync(new MemorySearchQuery { Text = "staging database Postgres", Viewer = Writer, Mode = RetrievalMode.Vector }, None);
        Assert.Equal(later[0].Item.Id, hits[0].Item.Id);
    }
}
