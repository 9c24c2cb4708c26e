using Chitin.Memory.Model;
using Chitin.Memory.Tests.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Retrieval;

/// <summary>Words found in too large a share of the items to gather candidates by still find results, rare words first.</summary>
public sealed class CommonWordTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Rare_words_rank_by_bm25_and_very_common_words_still_return_the_newest_matches()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        string[] colours = ["red", "green", "blue", "amber", "violet", "teal", "ochre", "grey"];
        for (var i = 0; i < 1_600; i++)
        {
            await store.SaveAsync(Draft($"Widget {i} ships in {colours[i % colours.Length]} crate {i * 7919 % 100_003}"), Writer, None);
            folder.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var gizmo = await store.SaveAsync(Draft("Widget gizmo needs a firmware update"), Writer, None);
        for (var i = 0; i < 3; i++)
        {
            folder.Clock.Advance(TimeSpan.FromSeconds(1));
            await store.SaveAsync(Draft($"Widget spare part {i} is in the attic"), Writer, None);
        }

        var rare = await store.SearchAsync(new MemorySearchQuery { Text = "widget gizmo", Viewer = Writer, Mode = RetrievalMode.Lexical }, None);
        var common = await store.SearchAsync(new MemorySearchQuery { Text = "widget", Viewer = Writer, Mode = RetrievalMode.Lexical, Limit = 10 }, None);
        var hybrid = await store.SearchAsync(new MemorySearchQuery { Text = "widgets needing firmware", Viewer = Writer }, None);

        Assert.Equal(gizmo.Item.Id, rare[0].Item.Id);
        Assert.Equal(5, rare.Count);
        Assert.Equal(10, common.Count);
        Assert.Equal("Widget spare part 2 is in the attic", common[0].Item.Text);
        Assert.True(common.Zip(common.Skip(1)).All(p => p.First.Score > p.Second.Score));
        Assert.Equal(gizmo.Item.Id, hybrid[0].Item.Id);
    }
}
