namespace Chitin.Memory.Retrieval;

/// <summary>
/// Combines rankings. Hybrid: reciprocal rank fusion (each list adds 1 / (<see cref="K"/> + rank); equal scores share
/// a rank), then small multiplicative weights — nearer scope a little higher (session &gt; agent &gt; project &gt; user),
/// episodic a little lower than facts and procedures, pinned and recent a little higher, ended or expired items (only
/// present with IncludeHistory) halved so a newer fact outranks the one it replaced. The weights only reorder ties
/// and near-ties: with K = 5 one rank step at the top is worth about 17 %, so the first places of either list count
/// for much more than long agreement further down (at 100,000 items many same-shaped facts about other people agree
/// with the query somewhere in both lists; docs/benchmarks.md). Both lists weigh the same: with K = 5 equal weights beat
/// half weight for the lexical list at 5,000 and at 100,000 items, on the even and the odd half of the queries alike,
/// with the semantic model (the hashed n-gram embedder always used equal weights). Lexical and Vector modes return
/// their single ranking unweighted, so evaluations measure each retriever honestly.
/// </summary>
internal static class RankFusion
{
    public const int K = 5;

    private const double HistoryWeight = 0.5;
    private const double PinnedWeight = 1.02;
    private const double MaxRecencyBoost = 0.02;
    private const double RecencyHalfLifeDays = 90;

    public static List<(long ItemNo, double Score)> Hybrid(
        IReadOnlyList<RankedCandidate> lexical,
        IReadOnlyList<RankedCandidate> vector,
        DateTimeOffset now,
        int limit)
    {
        var fused = new Dictionary<long, (double Rrf, VectorEntry Entry)>();
        foreach (var ranking in new[] { lexical, vector })
        {
            var shared = 0;
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var candidate = ranking[rank];
                // Equal scores share a rank, so equal matches tie and the weights below decide between them.
                shared = rank > 0 && candidate.Score.Equals(ranking[rank - 1].Score) ? shared : rank;
                var contribution = 1.0 / (K + shared + 1);
                fused[candidate.ItemNo] = fused.TryGetValue(candidate.ItemNo, out var sum)
                    ? (sum.Rrf + contribution, sum.Entry)
                    : (contribution, candidate.Entry);
            }
        }

        return fused
            .Select(pair => (ItemNo: pair.Key, Score: pair.Value.Rrf * Weight(pair.Value.Entry, now)))
            .OrderByDescending(c => c.Score)
            .ThenByDescending(c => c.ItemNo)
            .Take(limit)
            .ToList();
    }

    public static List<(long ItemNo, double Score)> Single(IReadOnlyList<RankedCandidate> ranking, int limit) =>
        ranking.Take(limit).Select(c => (c.ItemNo, c.Score)).ToList();

    public static double Weight(VectorEntry entry, DateTimeOffset now)
    {
        var weight = ScopeWeight(entry.Scope) * LayerWeight(entry.Layer);
        if (entry.Pinned)
        {
            weight *= PinnedWeight;
        }

        var ageDays = Math.Max(0, (now - entry.ValidFrom).TotalDays);
        weight *= 1 + (MaxRecencyBoost * Math.Pow(0.5, ageDays / RecencyHalfLifeDays));
        return entry.IsCurrent(now) ? weight : weight * HistoryWeight;
    }

    private static double ScopeWeight(MemoryScope scope) => scope switch
    {
        MemoryScope.Session => 1.03,
        MemoryScope.Agent => 1.02,
        MemoryScope.Project => 1.01,
        _ => 1.0,
    };

    private static double LayerWeight(MemoryLayer layer) => layer == MemoryLayer.Episodic ? 0.97 : 1.0;
}
