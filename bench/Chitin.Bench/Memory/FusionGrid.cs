using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using static System.FormattableString;

namespace Chitin.Bench.Memory;

/// <summary>
/// How hybrid recall@5 would move with the weight of the lexical list in reciprocal rank fusion (vector weight 1,
/// the store's K, <see cref="RetrievalEvaluator.FusionK"/>): both single rankings are read once (top 100 each), then fused here for each weight. Prints the grid, so a
/// change of the store's fusion weights can be chosen from figures, then confirmed by the hybrid row above it.
/// </summary>
public static class FusionGrid
{
    private static readonly double[] LexicalWeights = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0];

    public static async Task PrintAsync(SqliteMemoryStore store, RetrievalDataset data, CancellationToken ct)
    {
        var lexical = new List<List<string>>();
        var vector = new List<List<string>>();
        foreach (var query in data.Queries)
        {
            lexical.Add(await RankAsync(store, data, query, RetrievalMode.Lexical, ct));
            vector.Add(await RankAsync(store, data, query, RetrievalMode.Vector, ct));
        }

        var cells = LexicalWeights.Select(weight =>
        {
            var fused = data.Queries.Select((_, i) => (IReadOnlyList<string>)Fuse(lexical[i], vector[i], weight)).ToList();
            var scores = RetrievalEvaluator.Score(RetrievalMode.Hybrid, data.Queries, fused);
            return Invariant($"{weight:0.0} → {scores.RecallAt5:0.000}");
        });
        Console.WriteLine(Invariant($"RESULT memory eval [{store.EmbedderName}] hybrid recall@5 by lexical weight in the fusion (vector weight 1, K = {RetrievalEvaluator.FusionK}): {string.Join(", ", cells)}"));
    }

    private static async Task<List<string>> RankAsync(SqliteMemoryStore store, RetrievalDataset data, RetrievalQuery query, RetrievalMode mode, CancellationToken ct)
    {
        var hits = await store.SearchAsync(new MemorySearchQuery { Text = query.Text, Viewer = RetrievalEvaluator.Viewer, Limit = 100, Mode = mode }, ct);
        return hits.Select(h => RetrievalEvaluator.FactIdOf(h.Item, data)).ToList();
    }

    private static List<string> Fuse(List<string> lexical, List<string> vector, double lexicalWeight)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var rank = 0; rank < lexical.Count; rank++)
        {
            scores[lexical[rank]] = scores.GetValueOrDefault(lexical[rank]) + (lexicalWeight / (RetrievalEvaluator.FusionK + rank + 1));
        }

        for (var rank = 0; rank < vector.Count; rank++)
        {
            scores[vector[rank]] = scores.GetValueOrDefault(vector[rank]) + (1.0 / (RetrievalEvaluator.FusionK + rank + 1));
        }

        return scores.OrderByDescending(p => p.Value).Take(RetrievalEvaluator.RankDepth).Select(p => p.Key).ToList();
    }
}
