using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Evaluation;

public sealed class RetrievalEvaluatorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void Recall_at_5_and_mrr_at_10_are_computed_from_the_rankings_per_query_and_per_kind()
    {
        RetrievalQuery[] queries =
        [
            new("q1", "first", RetrievalQueryKind.Keyword, ["a"]),
            new("q2", "third", RetrievalQueryKind.Keyword, ["a"]),
            new("q3", "seventh", RetrievalQueryKind.Paraphrase, ["a"]),
            new("q4", "two answers", RetrievalQueryKind.Typo, ["a", "b"]),
            new("q5", "missing", RetrievalQueryKind.Typo, ["a"]),
        ];
        IReadOnlyList<string>[] rankings =
        [
            ["a", "x", "y"],
            ["x", "y", "a", "z"],
            ["x", "y", "z", "w", "v", "u", "a", "t"],
            ["x", "b", "y", "", "z", "a"],
            ["x", "y", "z", "w", "v", "u", "t", "s", "r", "q", "a"],
        ];

        var scores = RetrievalEvaluator.Score(RetrievalMode.Lexical, queries, rankings);

        Assert.Equal(5, scores.QueryCount);
        Assert.Equal([1.0, 1.0, 0.0, 0.5, 0.0], scores.Results.Select(r => r.RecallAt5));
        Assert.Equal([1.0, 1.0 / 3, 1.0 / 7, 0.5, 0.0], scores.Results.Select(r => r.ReciprocalRank));
        Assert.Equal([1, 3, 7, 2, (int?)null], scores.Results.Select(r => r.FirstAnswerRank));
        Assert.Equal(2.5 / 5, scores.RecallAt5, 12);
        Assert.Equal((1 + (1.0 / 3) + (1.0 / 7) + 0.5) / 5, scores.Mrr, 12);
        Assert.Equal(new RetrievalKindScores(2, 1.0, (1 + (1.0 / 3)) / 2), scores.ByKind[RetrievalQueryKind.Keyword]);
        Assert.Equal(new RetrievalKindScores(1, 0.0, 1.0 / 7), scores.ByKind[RetrievalQueryKind.Paraphrase]);
        Assert.Equal(new RetrievalKindScores(2, 0.25, 0.25), scores.ByKind[RetrievalQueryKind.Typo]);
        Assert.False(scores.ByKind.ContainsKey(RetrievalQueryKind.Morphological));
    }

    [Fact]
    public void An_answer_returned_twice_counts_once()
    {
        var scores = RetrievalEvaluator.Score(RetrievalMode.Vector, [new("q1", "q", RetrievalQueryKind.Keyword, ["a", "b"])], [["a", "a", "a"]]);

        Assert.Equal(0.5, scores.RecallAt5);
    }

    [Fact]
    public void Rankings_that_do_not_match_the_queries_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RetrievalEvaluator.Score(RetrievalMode.Hybrid, [new("q1", "q", RetrievalQueryKind.Keyword, ["a"])], []));

        Assert.Contains("one ranking per query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tiny_hand_made_dataset_is_loaded_into_a_real_store_and_scored_exactly()
    {
        var data = new RetrievalDataset(
            "tiny",
            [
                new("f1", "The staging server runs on a Raspberry Pi.", MemoryLayer.Semantic, "infra"),
                new("f2", "Invoices are sent on the first Monday of the month.", MemoryLayer.Procedural, "billing"),
                new("f3", "Coffee is brewed with an AeroPress.", MemoryLayer.Semantic, "office"),
            ],
            [
                new("q1", "raspberry pi", RetrievalQueryKind.Keyword, ["f1"]),
                new("q2", "aeropress coffee", RetrievalQueryKind.Keyword, ["f3"]),
                new("q3", "monday invoices", RetrievalQueryKind.Paraphrase, ["f1"]),
                new("q4", "postgres", RetrievalQueryKind.Typo, ["f2"]),
            ]);
        await using var folder = new EvaluationFolder();
        var store = await folder.OpenStoreAsync();

        var scores = await RetrievalEvaluator.RunAsync(store, data, RetrievalMode.Lexical, None);

        Assert.Equal(RetrievalMode.Lexical, scores.Mode);
        Assert.Equal(4, scores.QueryCount);
        Assert.Equal([1, 1, (int?)null, null], scores.Results.Select(r => r.FirstAnswerRank));
        Assert.Equal(0.5, scores.RecallAt5);
        Assert.Equal(0.5, scores.Mrr);
        Assert.Equal(new RetrievalKindScores(2, 1, 1), scores.ByKind[RetrievalQueryKind.Keyword]);
        Assert.Equal(new RetrievalKindScores(1, 0, 0), scores.ByKind[RetrievalQueryKind.Paraphrase]);
        var stored = await store.ListAsync(new MemoryListQuery(), None);
        Assert.Equal(3, stored.Count);
        Assert.All(stored, item => Assert.Equal(MemoryScope.User, item.Scope));
        Assert.Equal(MemoryLayer.Procedural, Assert.Single(stored, i => i.Text.StartsWith("Invoices", StringComparison.Ordinal)).Layer);
    }

    [Fact]
    public async Task Later_modes_reuse_the_loaded_store_instead_of_loading_again()
    {
        var data = new RetrievalDataset(
            "reuse",
            [new("f1", "Kestrel deploys to Hetzner in Helsinki.", MemoryLayer.Semantic, "deploy"), new("f2", "Heron deploys to Azure in Toronto.", MemoryLayer.Semantic, "deploy")],
            [new("q1", "kestrel hetzner", RetrievalQueryKind.Keyword, ["f1"])]);
        await using var folder = new EvaluationFolder();
        var store = await folder.OpenStoreAsync();

        var lexical = await RetrievalEvaluator.RunAsync(store, data, RetrievalMode.Lexical, None);
        var vector = await RetrievalEvaluator.RunAsync(store, data, RetrievalMode.Vector, None);

        Assert.Equal(1.0, lexical.Mrr);
        Assert.Equal(1.0, vector.Mrr);
        Assert.Equal(2, (await store.GetStatsAsync(None)).Total);
    }

    [Fact]
    public async Task A_store_holding_as_many_other_items_is_refused_and_left_unchanged()
    {
        var data = new RetrievalDataset(
            "other",
            [new("f1", "Alpha runs on Hetzner.", MemoryLayer.Semantic, "t"), new("f2", "Bravo runs on Azure.", MemoryLayer.Semantic, "t")],
            [new("q1", "alpha", RetrievalQueryKind.Keyword, ["f1"])]);
        await using var folder = new EvaluationFolder();
        var store = await folder.OpenStoreAsync();
        await store.SaveAsync(new MemoryDraft { Text = "Something else entirely.", Source = new MemorySource(MemorySourceKind.Cli) }, RetrievalEvaluator.Viewer, None);
        await store.SaveAsync(new MemoryDraft { Text = "And one more thing.", Source = new MemorySource(MemorySourceKind.Cli) }, RetrievalEvaluator.Viewer, None);

        var run = await Assert.ThrowsAsync<InvalidOperationException>(() => RetrievalEvaluator.RunAsync(store, data, RetrievalMode.Hybrid, None));
        var load = await Assert.ThrowsAsync<InvalidOperationException>(() => RetrievalEvaluator.LoadAsync(store, data, None));

        Assert.Contains("holds 2 items", run.Message, StringComparison.Ordinal);
        Assert.Contains("needs an empty memory store", load.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await store.GetStatsAsync(None)).Total);
    }

    [Fact]
    public async Task Facts_the_store_treats_as_one_subject_stop_the_load_with_the_fact_named()
    {
        var data = new RetrievalDataset(
            "clash",
            [
                new("f1", "The user's preferred editor is Vim.", MemoryLayer.Semantic, "editor"),
                new("f2", "The user's preferred editor is Helix.", MemoryLayer.Semantic, "editor"),
            ],
            [new("q1", "editor", RetrievalQueryKind.Keyword, ["f1"])]);
        await using var folder = new EvaluationFolder();
        var store = await folder.OpenStoreAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RetrievalEvaluator.LoadAsync(store, data, None));

        Assert.Contains("Fact f2", error.Message, StringComparison.Ordinal);
        Assert.Contains("superseded", error.Message, StringComparison.Ordinal);
    }
}
