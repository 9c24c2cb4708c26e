using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using static System.FormattableString;

namespace Chitin.Bench.Memory;

/// <summary>
/// <c>-- memory-search [path] --analyse</c>: every query whose answer misses the top 5 in hybrid mode, with the answer's
/// rank in each mode and the texts that outrank it, so a recall drop at scale can be read as a ranking weakness or as a
/// dataset whose distractors are equally good answers.
/// </summary>
internal static class RecallAnalysis
{
    public static async Task PrintAsync(SqliteMemoryStore store, RetrievalDataset data, List<RetrievalQuery> queries, CancellationToken ct)
    {
        var misses = new Dictionary<RetrievalQueryKind, int>();
        foreach (var query in queries)
        {
            var ranks = new Dictionary<RetrievalMode, (int Rank, IReadOnlyList<MemoryHit> Hits)>();
            foreach (var mode in new[] { RetrievalMode.Hybrid, RetrievalMode.Lexical, RetrievalMode.Vector })
            {
                var hits = await store.SearchAsync(new MemorySearchQuery { Text = query.Text, Viewer = RetrievalEvaluator.Viewer, Limit = 50, Mode = mode }, ct);
                var rank = hits.Select(h => RetrievalEvaluator.FactIdOf(h.Item, data)).ToList().FindIndex(id => query.AnswerIds.Contains(id));
                ranks[mode] = (rank, hits);
            }

            if (ranks[RetrievalMode.Hybrid].Rank is >= 0 and < RetrievalEvaluator.RecallDepth)
            {
                continue;
            }

            misses[query.Kind] = misses.GetValueOrDefault(query.Kind) + 1;
            Console.WriteLine(Invariant($"MISS {query.Id} [{query.Kind}] \"{query.Text}\" → answer \"{data.GetFact(query.AnswerIds[0]).Text}\""));
            Console.WriteLine(Invariant($"     rank hybrid {Rank(ranks[RetrievalMode.Hybrid].Rank)}, lexical {Rank(ranks[RetrievalMode.Lexical].Rank)}, vector {Rank(ranks[RetrievalMode.Vector].Rank)}"));
            foreach (var hit in ranks[RetrievalMode.Hybrid].Hits.Take(5))
            {
                Console.WriteLine($"       {hit.Item.Text}");
            }
        }

        await FusionVariantsAsync(store, data, queries, ct);
        Console.WriteLine(Invariant($"RESULT recall analysis: {misses.Values.Sum()} of {queries.Count} queries miss the hybrid top 5 ({string.Join(", ", misses.OrderBy(m => m.Key).Select(m => $"{m.Key} {m.Value}"))})"));

        static string Rank(int rank) => rank < 0 ? ">50" : (rank + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    }

    /// <summary>Hybrid recall@5 of fusion variants computed from the two single rankings (top 100 each), on the even and the odd queries separately.</summary>
    private static async Task FusionVariantsAsync(SqliteMemoryStore store, RetrievalDataset data, List<RetrievalQuery> queries, CancellationToken ct)
    {
        var lists = new List<(List<(string Id, double Score)> Lexical, List<(string Id, double Score)> Vector)>();
        foreach (var query in queries)
        {
            lists.Add((await RankAsync(RetrievalMode.Lexical), await RankAsync(RetrievalMode.Vector)));

            async Task<List<(string Id, double Score)>> RankAsync(RetrievalMode mode) =>
                (await store.SearchAsync(new MemorySearchQuery { Text = query.Text, Viewer = RetrievalEvaluator.Viewer, Limit = 100, Mode = mode }, ct))
                .Select(h => (RetrievalEvaluator.FactIdOf(h.Item, data), h.Score)).ToList();
        }

        foreach (var (name, fuse) in Variants())
        {
            var even = Recall(0);
            var odd = Recall(1);
            Console.WriteLine(Invariant($"FUSION {name}: recall@5 even {even:0.000}, odd {odd:0.000}, all {(even + odd) / 2:0.000}"));

            double Recall(int parity)
            {
                var picked = Enumerable.Range(0, queries.Count).Where(i => i % 2 == parity).ToList();
                return picked.Count(i => fuse(lists[i].Lexical, lists[i].Vector).Take(5).Intersect(queries[i].AnswerIds).Any()) / (double)picked.Count;
            }
        }
    }

    private static IEnumerable<(string Name, Func<List<(string Id, double Score)>, List<(string Id, double Score)>, List<string>> Fuse)> Variants()
    {
        foreach (var k in new[] { 60, 20, 5 })
        {
            foreach (var w in new[] { 0.5, 1.0, 2.0 })
            {
                yield return (Invariant($"rrf k={k} lexical weight {w}"), (l, v) => Fuse(l, v, (_, rank, _) => 1.0 / (k + rank + 1), w));
            }
        }

        foreach (var w in new[] { 0.5, 1.0, 1.5, 2.0 })
        {
            yield return (Invariant($"relative scores (min-max) lexical weight {w}"), (l, v) => Fuse(l, v, (s, _, range) => range.Max - range.Min <= 0 ? 1 : (s - range.Min) / (range.Max - range.Min), w));
        }
    }

    private static List<string> Fuse(
        List<(string Id, double Score)> lexical,
        List<(string Id, double Score)> vector,
        Func<double, int, (double Min, double Max), double> part,
        double lexicalWeight)
    {
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        Add(lexical, lexicalWeight);
        Add(vector, 1.0);
        return fused.OrderByDescending(f => f.Value).Select(f => f.Key).ToList();

        void Add(List<(string Id, double Score)> list, double weight)
        {
            if (list.Count == 0)
            {
                return;
            }

            var range = (list.Min(x => x.Score), list.Max(x => x.Score));
            for (var rank = 0; rank < list.Count; rank++)
            {
                fused[list[rank].Id] = fused.GetValueOrDefault(list[rank].Id) + (weight * part(list[rank].Score, rank, range));
            }
        }
    }
}
