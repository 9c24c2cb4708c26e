using Chitin.Memory.Model;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Storage;

public sealed class BatchSaveTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_batch_deduplicates_and_supersedes_against_the_store_and_within_itself()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var vim = (await store.SaveAsync(Draft("The user's editor is Vim"), Writer, None)).Item;
        var tea = (await store.SaveAsync(Draft("User likes green tea"), Writer, None)).Item;

        var results = await store.SaveManyAsync(
            [
                Draft("The user's editor is Helix"),
                Draft("user likes green tea."),
                Draft("Deploys run on Fridays"),
                Draft("deploys run on fridays"),
                Draft("The user's editor is Zed"),
                Draft("User likes green tea", MemoryScope.Project),
            ],
            Writer,
            None);

        Assert.Equal(
            [MemorySaveAction.Superseded, MemorySaveAction.Duplicate, MemorySaveAction.Created, MemorySaveAction.Duplicate, MemorySaveAction.Superseded, MemorySaveAction.Created],
            results.Select(r => r.Action));
        Assert.Equal([vim.Id], results[0].SupersededIds);
        Assert.Equal(tea.Id, results[1].Item.Id);
        Assert.Equal(results[2].Item.Id, results[3].Item.Id);
        Assert.Equal([results[0].Item.Id], results[4].SupersededIds);
        var current = await store.ListAsync(new MemoryListQuery { Viewer = Writer }, None);
        Assert.Equal(
            ["Deploys run on Fridays", "The user's editor is Zed", "User likes green tea", "User likes green tea"],
            current.Select(i => i.Text).Order(StringComparer.Ordinal));
        Assert.Equal(results[0].Item.Id, (await store.GetAsync(vim.Id, None))!.SupersededBy);
        Assert.Equal(2, (await store.GetHistoryAsync(results[0].Item.Id, None)).Count);
    }

    [Fact]
    public async Task A_batch_writes_each_items_history_in_order_when_its_items_change_each_other()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();

        var results = await store.SaveManyAsync(
            [
                Draft("The user's editor is Helix"),
                Draft("Deploys run on Fridays"),
                Draft("deploys run on fridays") with { Tags = ["ops"] },
                Draft("The user's editor is Zed"),
            ],
            Writer,
            None);

        var helix = await store.GetHistoryAsync(results[0].Item.Id, None);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Superseded], helix.Select(h => h.Change));
        Assert.Equal("The user's editor is Helix", helix[0].Text);
        Assert.Null(helix[0].Reason);
        Assert.Equal(results[3].Item.Id, helix[1].RelatedId);
        var deploys = await store.GetHistoryAsync(results[1].Item.Id, None);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Edited], deploys.Select(h => h.Change));
        Assert.True(deploys[0].Seq < deploys[1].Seq);
        Assert.Equal(results[1].Item.CreatedAt, deploys[0].At);
        var zed = await store.GetHistoryAsync(results[3].Item.Id, None);
        Assert.Equal($"supersedes {results[0].Item.Id}", Assert.Single(zed).Reason);
        Assert.True(helix[1].Seq < zed[0].Seq);
    }

    [Fact]
    public async Task Batch_saved_items_are_found_by_every_retrieval_mode_after_reopening()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var drafts = Enumerable.Range(0, 300).Select(i => Draft($"Server {i} hosts the service number {i * 13}")).ToList();
        drafts.Add(Draft("The user's favourite fruit is mango"));
        await store.SaveManyAsync(drafts, Writer, None);
        await store.DisposeAsync();

        var reopened = await folder.OpenAsync();
        foreach (var mode in Enum.GetValues<RetrievalMode>())
        {
            var hits = await reopened.SearchAsync(new MemorySearchQuery { Text = "favourite fruit mango", Viewer = Writer, Mode = mode }, None);
            Assert.Equal("The user's favourite fruit is mango", hits[0].Item.Text);
        }

        Assert.Equal(301, reopened.VectorCount);
    }

    [Fact]
    public async Task An_invalid_draft_stores_nothing_of_its_batch()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveManyAsync([Draft("A fine fact"), Draft("   ")], Writer, None));

        Assert.Empty(await store.ListAsync(new MemoryListQuery { Viewer = Writer }, None));
    }

    [Fact]
    public async Task Opening_a_store_loads_no_vectors_until_the_first_vector_search()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await store.SaveManyAsync(Enumerable.Range(0, 2_000).Select(i => Draft($"Invoice {i} was paid by customer {i * 7} in week {i % 52}")).ToList(), Writer, None);
        await store.EnsureVectorsAsync(None);
        await store.DisposeAsync();

        var reopened = await folder.OpenAsync();
        await reopened.SaveAsync(Draft("The user's bike is a green Brompton"), Writer, None);
        await reopened.ListAsync(new MemoryListQuery { Viewer = Writer }, None);
        await reopened.GetStatsAsync(None);
        var lexical = await reopened.SearchAsync(new MemorySearchQuery { Text = "Brompton", Viewer = Writer, Mode = RetrievalMode.Lexical }, None);

        Assert.False(reopened.VectorsLoaded);
        Assert.Equal(0, reopened.VectorCount);
        Assert.Equal("The user's bike is a green Brompton", lexical[0].Item.Text);

        var hybrid = await reopened.SearchAsync(new MemorySearchQuery { Text = "green Brompton bike", Viewer = Writer }, None);

        Assert.True(reopened.VectorsLoaded);
        Assert.Equal(2_001, reopened.VectorCount);
        Assert.Equal("The user's bike is a green Brompton", hybrid[0].Item.Text);
    }
}
