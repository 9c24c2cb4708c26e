using Chitin.Memory.Model;
using Chitin.Memory.Retrieval;

namespace Chitin.Memory.Tests.Retrieval;

public sealed class VectorIndexTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ItemFilter Everything = new() { IncludeHistory = true, Now = Now };

    [Fact]
    public void Search_returns_the_best_k_by_cosine_and_removal_keeps_the_other_rows_intact()
    {
        var index = new VectorIndex();
        index.Upsert(1, [1, 0, 0], Entry());
        index.Upsert(2, [0, 1, 0], Entry());
        index.Upsert(3, [0.8f, 0.6f, 0], Entry());
        index.Upsert(4, [0, 0, 5], Entry());

        var best = index.Search([1, 0, 0], Everything, 2);
        Assert.Equal([1L, 3L], best.Select(c => c.ItemNo));
        Assert.Equal(1.0, best[0].Score, 5);
        Assert.Equal(0.8, best[1].Score, 5);

        index.Remove(1);
        index.Remove(1);

        Assert.Equal(3, index.Count);
        Assert.Equal([3L, 2L], index.Search([0.6f, 0.8f, 0], Everything, 5).Select(c => c.ItemNo));
        Assert.Equal([4L], index.Search([0, 0, 1], Everything, 5).Select(c => c.ItemNo));
    }

    [Fact]
    public void Ended_expired_and_invisible_rows_are_skipped()
    {
        var index = new VectorIndex();
        index.Upsert(1, [1, 0], Entry());
        index.Upsert(2, [1, 0], Entry() with { Ended = true });
        index.Upsert(3, [1, 0], Entry() with { ExpiresAt = Now.AddSeconds(-1) });
        index.Upsert(4, [1, 0], Entry() with { Scope = MemoryScope.Agent, ScopeKey = "other" });
        index.Upsert(5, [1, 0], Entry() with { Scope = MemoryScope.Agent, ScopeKey = "me" });
        index.Upsert(6, [1, 0], Entry() with { Layer = MemoryLayer.Working, OriginSession = "ses_other" });
        index.Upsert(7, [1, 0], Entry() with { Layer = MemoryLayer.Working, OriginSession = "ses_me" });
        var current = new ItemFilter { Viewer = new MemoryViewer("me", "/w", "ses_me"), Now = Now };

        Assert.Equal([7L, 5L, 1L], index.Search([1, 0], current, 10).Select(c => c.ItemNo));
        Assert.Equal([7L, 6L, 5L, 4L, 3L, 2L, 1L], index.Search([1, 0], Everything, 10).Select(c => c.ItemNo));
        index.SetEntry(1, Entry() with { Ended = true });
        Assert.Equal([7L, 5L], index.Search([1, 0], current, 10).Select(c => c.ItemNo));
    }

    [Fact]
    public void Vectors_of_another_length_are_refused()
    {
        var index = new VectorIndex();
        index.Upsert(1, [1, 0, 0], Entry());

        Assert.Throws<ArgumentException>(() => index.Upsert(2, [1, 0], Entry()));
        Assert.Empty(index.Search([1, 0], Everything, 3));
    }

    private static VectorEntry Entry() => new(MemoryScope.User, "", MemoryLayer.Semantic, null, Now.AddDays(-1), false, null, false);
}
