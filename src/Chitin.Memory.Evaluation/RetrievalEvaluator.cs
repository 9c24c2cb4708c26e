namespace Chitin.Memory.Evaluation;

/// <summary>
/// Measures how well a memory store finds the known answers of a <see cref="RetrievalDataset"/>: loads the facts into
/// an empty store (user scope, through the ordinary <see cref="IMemoryStore.SaveAsync"/>), runs every query in the
/// chosen mode and scores recall@5 and MRR@10, overall and per query kind.
/// </summary>
public static class RetrievalEvaluator
{
    /// <summary>Recall is measured over this many results.</summary>
    public const int RecallDepth = 5;

    /// <summary>Reciprocal rank counts an answer only within this many results.</summary>
    public const int RankDepth = 10;

    /// <summary>The K of the store's reciprocal rank fusion, for benchmarks that fuse the single rankings themselves.</summary>
    public const int FusionK = Retrieval.RankFusion.K;

    /// <summary>Who loads and searches. The facts are in user scope, which every viewer sees.</summary>
    public static readonly MemoryViewer Viewer = new("retrieval-eval", "retrieval-eval");

    /// <summary>
    /// Stores every fact, in order, as an import from the dataset (source reference = dataset name, line = position).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The store is not empty, or it merged or superseded a fact (the dataset and the store's rules disagree, so the
    /// known answers would no longer be right).
    /// </exception>
    public static Task<RetrievalLoadReport> LoadAsync(IMemoryStore store, RetrievalDataset data, CancellationToken cancellationToken) =>
        LoadAsync(store, data, batchSize: 1, cancellationToken);

    /// <param name="store">An empty store.</param>
    /// <param name="data">The facts to store.</param>
    /// <param name="batchSize">1 saves fact by fact (<see cref="IMemoryStore.SaveAsync"/>); more uses <see cref="IMemoryStore.SaveManyAsync"/> with batches of this size.</param>
    /// <param name="cancellationToken">Stops between saves.</param>
    public static async Task<RetrievalLoadReport> LoadAsync(IMemoryStore store, RetrievalDataset data, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(data);
        var before = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        if (before.Total != 0)
        {
            throw new InvalidOperationException($"The retrieval evaluation needs an empty memory store; this one already holds {before.Total} items. Open a store on a new file.");
        }

        var clock = Stopwatch.StartNew();
        var conflicts = 0;
        for (var start = 0; start < data.Facts.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, data.Facts.Count - start);
            var drafts = Enumerable.Range(start, count).Select(i => new MemoryDraft
            {
                Text = data.Facts[i].Text,
                Layer = data.Facts[i].Layer,
                Scope = MemoryScope.User,
                Source = new MemorySource(MemorySourceKind.Import, data.Name, i + 1),
            }).ToList();
            IReadOnlyList<MemorySaveResult> results = batchSize == 1
                ? [await store.SaveAsync(drafts[0], Viewer, cancellationToken).ConfigureAwait(false)]
                : await store.SaveManyAsync(drafts, Viewer, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < results.Count; i++)
            {
                conflicts += Check(data.Facts[start + i], results[i]);
            }
        }

        clock.Stop();
        return new RetrievalLoadReport(data.Facts.Count, conflicts, clock.Elapsed);
    }

    private static int Check(RetrievalFact fact, MemorySaveResult result)
    {
        if (result.Action == MemorySaveAction.Duplicate || result.SupersededIds.Count > 0)
        {
            var what = result.Action == MemorySaveAction.Duplicate
                ? $"was merged into {result.Item.Id} (\"{result.Item.Text}\")"
                : $"superseded {string.Join(", ", result.SupersededIds)}";
            throw new InvalidOperationException(
                $"Fact {fact.Id} (\"{fact.Text}\") {what}: the dataset states facts the store treats as the same subject, so its known answers would be wrong. Change the dataset generator.");
        }

        return result.ConflictIds.Count;
    }

    /// <summary>
    /// Scores one retrieval mode. An empty store is loaded first; a store already loaded with this dataset (by an
    /// earlier call) is reused, so the three modes can be compared on one store.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store holds something other than this dataset.</exception>
    public static async Task<RetrievalScores> RunAsync(IMemoryStore store, RetrievalDataset data, RetrievalMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(data);
        var stats = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        if (stats.Total == 0)
        {
            await LoadAsync(store, data, cancellationToken).ConfigureAwait(false);
        }
        else if (stats.Total != data.Facts.Count || stats.Current != data.Facts.Count || !await HoldsDatasetAsync(store, data, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"The store holds {stats.Total} items ({stats.Current} current), not the {data.Facts.Count} facts of '{data.Name}'. Evaluate on an empty store or one loaded with this dataset.");
        }

        var rankings = new List<IReadOnlyList<string>>(data.Queries.Count);
        var clock = Stopwatch.StartNew();
        foreach (var query in data.Queries)
        {
            var hits = await store.SearchAsync(
                new MemorySearchQuery { Text = query.Text, Viewer = Viewer, Limit = RankDepth, Mode = mode },
                cancellationToken).ConfigureAwait(false);
            rankings.Add(hits.Select(hit => FactIdOf(hit.Item, data)).ToList());
        }

        clock.Stop();
        return Score(mode, data.Queries, rankings) with { SearchTime = clock.Elapsed };
    }

    /// <summary>
    /// Scores rankings already made: <paramref name="rankings"/>[i] lists the fact ids returned for
    /// <paramref name="queries"/>[i], best first ("" for a result that is no fact of the dataset).
    /// </summary>
    public static RetrievalScores Score(RetrievalMode mode, IReadOnlyList<RetrievalQuery> queries, IReadOnlyList<IReadOnlyList<string>> rankings)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(rankings);
        if (queries.Count != rankings.Count)
        {
            throw new ArgumentException($"There are {queries.Count} queries but {rankings.Count} rankings; give one ranking per query.", nameof(rankings));
        }

        var results = queries.Select((query, i) => ScoreOne(query, rankings[i])).ToList();
        var byKind = results.GroupBy(r => r.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => Summarise(g.ToList()));
        var overall = Summarise(results);
        return new RetrievalScores(mode, overall.QueryCount, overall.RecallAt5, overall.Mrr, byKind, results);
    }

    private static RetrievalQueryResult ScoreOne(RetrievalQuery query, IReadOnlyList<string> ranking)
    {
        var answers = query.AnswerIds.ToHashSet(StringComparer.Ordinal);
        var found = ranking.Take(RecallDepth).Where(answers.Contains).Distinct(StringComparer.Ordinal).Count();
        var first = ranking.Take(RankDepth).ToList().FindIndex(answers.Contains);
        return new RetrievalQueryResult(
            query.Id,
            query.Kind,
            (double)found / answers.Count,
            first < 0 ? 0 : 1.0 / (first + 1),
            first < 0 ? null : first + 1);
    }

    private static RetrievalKindScores Summarise(List<RetrievalQueryResult> results) =>
        results.Count == 0
            ? new RetrievalKindScores(0, 0, 0)
            : new RetrievalKindScores(results.Count, results.Average(r => r.RecallAt5), results.Average(r => r.ReciprocalRank));

    /// <summary>A spot check that the items came from this dataset: the newest one must be one of its facts.</summary>
    private static async Task<bool> HoldsDatasetAsync(IMemoryStore store, RetrievalDataset data, CancellationToken cancellationToken)
    {
        var newest = await store.ListAsync(new MemoryListQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return newest.Count == 1 && FactIdOf(newest[0], data).Length > 0;
    }

    /// <summary>The id of the dataset fact an item was loaded from, or "" when the item is not one of them.</summary>
    public static string FactIdOf(MemoryItem item, RetrievalDataset data)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(data);
        return item.Source.Reference == data.Name && item.Source.Line is int line && line >= 1 && line <= data.Facts.Count
            ? data.Facts[line - 1].Id
            : "";
    }
}
