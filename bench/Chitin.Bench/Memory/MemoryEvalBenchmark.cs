using Chitin.Memory.Embeddings;
using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Microsoft.Extensions.AI;
using static System.FormattableString;

namespace Chitin.Bench.Memory;

/// <summary>
/// The shipped retrieval-quality evaluation: the standard dataset (5,000 facts, 320 queries of four kinds) loaded into
/// a real SQLite store, then recall@5 and MRR@10 for lexical, vector and hybrid retrieval, overall and per query
/// kind. Every figure is printed as measured, including where hybrid loses to a single retriever.
/// </summary>
public static class MemoryEvalBenchmark
{
    private static readonly RetrievalMode[] Modes = [RetrievalMode.Lexical, RetrievalMode.Vector, RetrievalMode.Hybrid];

    /// <param name="quick">Ignored: the evaluation is only meaningful on the standard dataset, so it always runs in full.</param>
    /// <param name="ct">Stops between saves and queries.</param>
    public static async Task<int> RunAsync(bool quick, CancellationToken ct)
    {
        _ = quick;
        var data = RetrievalDataset.Generate();
        await EvaluateAsync(data, new HashedNgramEmbeddingGenerator(), ct);
        if (MiniLmEmbeddingGenerator.IsInstalled())
        {
            await EvaluateAsync(data, new MiniLmEmbeddingGenerator(), ct);
        }

        return 0;
    }

    private static async Task EvaluateAsync(RetrievalDataset data, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("chitin-bench-memory-eval-").FullName;
        try
        {
            var options = new MemoryStoreOptions { Embedder = embedder, DisposeEmbedder = true, BackgroundIndexing = false };
            await using var store = await SqliteMemoryStore.OpenAsync(Path.Combine(root, "eval.db"), options, ct);
            var load = await RetrievalEvaluator.LoadAsync(store, data, batchSize: 500, ct);
            var embed = System.Diagnostics.Stopwatch.StartNew();
            await store.EnsureVectorsAsync(ct);
            Console.WriteLine(Invariant(
                $"RESULT memory eval dataset {data.Name}: {data.Facts.Count:N0} facts, {data.Queries.Count} queries ({Kinds(data)}); loaded through SaveManyAsync (batches of 500) in {load.Elapsed.TotalSeconds:0.0} s, embedder {store.EmbedderName} embedded them in {embed.Elapsed.TotalSeconds:0.0} s"));
            Console.WriteLine(Invariant(
                $"RESULT memory eval word overlap query→answer (share of query content words found in the answer): {string.Join(", ", Enum.GetValues<RetrievalQueryKind>().Select(k => $"{k.ToString().ToLowerInvariant()} {data.Queries.Where(q => q.Kind == k).Average(data.WordOverlap):0.00}"))}"));

            var scores = new List<RetrievalScores>();
            foreach (var mode in Modes)
            {
                var result = await RetrievalEvaluator.RunAsync(store, data, mode, ct);
                scores.Add(result);
                var name = mode.ToString().ToLowerInvariant();
                Console.WriteLine(Invariant(
                    $"RESULT memory eval [{store.EmbedderName}] {name}: recall@5 {result.RecallAt5:0.000}, MRR@10 {result.Mrr:0.000} over {result.QueryCount} queries ({result.SearchTime.TotalMilliseconds / result.QueryCount:0.00} ms per query)"));
                foreach (var (kind, byKind) in result.ByKind)
                {
                    Console.WriteLine(Invariant(
                        $"RESULT memory eval [{store.EmbedderName}] {name} {kind.ToString().ToLowerInvariant()}: recall@5 {byKind.RecallAt5:0.000}, MRR@10 {byKind.Mrr:0.000} ({byKind.QueryCount} queries)"));
                }
            }

            PrintHybridComparison(scores);
            await FusionGrid.PrintAsync(store, data, ct);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Kinds(RetrievalDataset data) =>
        string.Join(", ", data.Queries.GroupBy(q => q.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));

    /// <summary>Hybrid against the better single retriever, overall and per kind, with the sign left as it is.</summary>
    private static void PrintHybridComparison(List<RetrievalScores> scores)
    {
        var hybrid = scores.Single(s => s.Mode == RetrievalMode.Hybrid);
        var singles = scores.Where(s => s.Mode != RetrievalMode.Hybrid).ToList();
        var best = singles.MaxBy(s => s.RecallAt5)!;
        Console.WriteLine(Invariant(
            $"RESULT memory eval hybrid vs best single mode ({best.Mode.ToString().ToLowerInvariant()}): recall@5 {hybrid.RecallAt5 - best.RecallAt5:+0.000;-0.000;0.000}, MRR@10 {hybrid.Mrr - best.Mrr:+0.000;-0.000;0.000}{(hybrid.RecallAt5 < best.RecallAt5 ? " (hybrid loses)" : "")}"));
        foreach (var kind in hybrid.ByKind.Keys)
        {
            var bestForKind = singles.MaxBy(s => s.ByKind[kind].RecallAt5)!;
            var delta = hybrid.ByKind[kind].RecallAt5 - bestForKind.ByKind[kind].RecallAt5;
            Console.WriteLine(Invariant(
                $"RESULT memory eval hybrid vs best single mode for {kind.ToString().ToLowerInvariant()} ({bestForKind.Mode.ToString().ToLowerInvariant()}): recall@5 {delta:+0.000;-0.000;0.000}{(delta < 0 ? " (hybrid loses)" : "")}"));
        }
    }
}
