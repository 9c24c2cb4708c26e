using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Evaluation;

/// <summary>The shipped evaluation end to end: the standard dataset through a real SQLite store in all three modes.</summary>
public sealed class StandardDatasetEvaluationTests
{
    [Fact]
    public async Task On_the_standard_dataset_hybrid_recall_is_at_least_that_of_the_weaker_single_mode()
    {
        var data = RetrievalDataset.Generate();
        await using var folder = new EvaluationFolder();
        var store = await folder.OpenStoreAsync();
        var load = await RetrievalEvaluator.LoadAsync(store, data, CancellationToken.None);

        var lexical = await RetrievalEvaluator.RunAsync(store, data, RetrievalMode.Lexical, CancellationToken.None);
        var vector = await RetrievalEvaluator.RunAsync(store, data, RetrievalMode.Vector, CancellationToken.None);
        var hybrid = await RetrievalEvaluator.RunAsync(store, data, RetrievalMode.Hybrid, CancellationToken.None);

        Assert.Equal(data.Facts.Count, load.Stored);
        Assert.All(new[] { lexical, vector, hybrid }, s => Assert.Equal(data.Queries.Count, s.QueryCount));
        Assert.True(
            hybrid.RecallAt5 >= Math.Min(lexical.RecallAt5, vector.RecallAt5),
            $"hybrid recall@5 {hybrid.RecallAt5:0.000} is below both lexical {lexical.RecallAt5:0.000} and vector {vector.RecallAt5:0.000}");

        // The dataset is built so paraphrases are the hard case for every retriever that matches words.
        Assert.All(new[] { lexical, vector, hybrid }, s => Assert.True(
            s.ByKind[RetrievalQueryKind.Keyword].RecallAt5 > s.ByKind[RetrievalQueryKind.Paraphrase].RecallAt5,
            $"{s.Mode}: keyword {s.ByKind[RetrievalQueryKind.Keyword].RecallAt5:0.000} vs paraphrase {s.ByKind[RetrievalQueryKind.Paraphrase].RecallAt5:0.000}"));
    }
}
