using System.Diagnostics;
using Chitin.Core.Context;
using Chitin.Memory.Digest;
using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Chitin.Memory.Sync;
using static System.FormattableString;

namespace Chitin.Bench.Memory;

/// <summary>
/// Memory store figures on real SQLite files in a temp folder: insert throughput (single SaveAsync calls), import
/// throughput (MarkdownMemorySync.ImportAsync of an OpenClaw workspace), search latency over 100,000 items in each
/// retrieval mode (p50/p95/p99 against the 20 ms p95 target) with the retrieval quality at that size, and the size
/// of the memory digest in tokens with 10 and with 100,000 stored items.
/// </summary>
public static class MemoryBenchmark
{
    public const int SearchItems = 100_000;

    private const double SearchTargetP95Ms = 20;
    private const int WarmUpQueries = 20;

    private static readonly MemoryViewer Viewer = RetrievalEvaluator.Viewer;

    public static async Task<int> RunAsync(bool quick, CancellationToken ct)
    {
        var insertCount = quick ? 1_000 : 2_000;
        var importCount = quick ? 1_000 : 2_000;
        var queryCount = quick ? 160 : 320;
        var savesIntoLargeStore = quick ? 100 : 200;
        var root = Directory.CreateTempSubdirectory("chitin-bench-memory-").FullName;
        try
        {
            var data = RetrievalDataset.Generate(SearchItems);
            await ImportAsync(root, data.Facts.Skip(SearchItems - importCount).ToList(), ct);
            await DigestOfSmallStoreAsync(root, data, ct);

            var path = Path.Combine(root, "memory-100k.db");
            string embedderName;
            await using (var store = await SqliteMemoryStore.OpenAsync(path, new MemoryStoreOptions(), ct))
            {
                embedderName = store.EmbedderName;
                await InsertAsync(store, data, insertCount, ct);
            }

            var bulk = Stopwatch.StartNew();
            BulkMemoryLoader.Insert(path, data, insertCount, embedderName);
            bulk.Stop();
            var open = Stopwatch.StartNew();
            await using (var store = await SqliteMemoryStore.OpenAsync(path, new MemoryStoreOptions(), ct))
            {
                open.Stop();
                await BulkMemoryLoader.VerifyAsync(store, SearchItems, ct);
                Console.WriteLine(Invariant($"RESULT memory setup: {SearchItems - insertCount:N0} more items bulk-written with SQL in {bulk.Elapsed.TotalSeconds:0.0} s (no bulk API; SaveAsync would take hours at this size); opening the {SearchItems:N0}-item store (loads every vector) took {open.Elapsed.TotalSeconds:0.00} s"));
                // Every kind of query in equal share; the warm-up uses other queries so no measured one is cached.
                var step = data.Queries.Count / queryCount;
                var queries = data.Queries.Where((_, i) => i % step == 0).Take(queryCount).ToList();
                var warmUp = RetrievalDataset.Generate(1_000, seed: 9).Queries.Where((_, i) => i % 16 == 0).Take(WarmUpQueries).ToList();
                foreach (var mode in new[] { RetrievalMode.Hybrid, RetrievalMode.Lexical, RetrievalMode.Vector })
                {
                    await SearchAsync(store, data, queries, warmUp, mode, ct);
                }

                await DigestAsync(store, root, $"{SearchItems:N0} items", ct);
                await SaveIntoLargeStoreAsync(store, savesIntoLargeStore, ct);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task InsertAsync(SqliteMemoryStore store, RetrievalDataset data, int count, CancellationToken ct)
    {
        var perSave = new double[count];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await store.SaveAsync(Draft(data, i), Viewer, ct);
            perSave[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        total.Stop();
        var tenth = count / 10;
        Console.WriteLine(Invariant(
            $"RESULT memory insert (SaveAsync, one item per call, empty store → {count:N0} items): {count / total.Elapsed.TotalSeconds:0} items/s, {total.Elapsed.TotalMilliseconds / count:0.00} ms per save (first {tenth}: {perSave.Take(tenth).Average():0.00} ms, last {tenth}: {perSave.Skip(count - tenth).Average():0.00} ms)"));
    }

    private static async Task ImportAsync(string root, IReadOnlyList<RetrievalFact> facts, CancellationToken ct)
    {
        var workspace = Directory.CreateDirectory(Path.Combine(root, "openclaw-workspace")).FullName;
        var files = MarkdownCorpus.Write(workspace, facts);
        await using var store = await SqliteMemoryStore.OpenAsync(Path.Combine(root, "import.db"), new MemoryStoreOptions(), ct);
        var sync = new MarkdownMemorySync(store);
        var clock = Stopwatch.StartNew();
        var report = await sync.ImportAsync(workspace, new MemoryViewer("main", workspace), progress: null, ct);
        clock.Stop();
        var stored = report.Created + report.Superseded;
        Console.WriteLine(Invariant(
            $"RESULT memory import (MarkdownMemorySync.ImportAsync, OpenClaw layout, {facts.Count:N0} bullets in {files} files): {stored / clock.Elapsed.TotalSeconds:0} items/s ({stored:N0} stored, {report.Unchanged} unchanged, {report.Errors.Count} file errors, {clock.Elapsed.TotalSeconds:0.0} s)"));
    }

    private static async Task SearchAsync(SqliteMemoryStore store, RetrievalDataset data, List<RetrievalQuery> queries, List<RetrievalQuery> warmUp, RetrievalMode mode, CancellationToken ct)
    {
        foreach (var query in warmUp)
        {
            await store.SearchAsync(Search(query, mode), ct);
        }

        var timings = new List<double>(queries.Count);
        var rankings = new List<IReadOnlyList<string>>(queries.Count);
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var hits = await store.SearchAsync(Search(query, mode), ct);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            rankings.Add(hits.Select(h => RetrievalEvaluator.FactIdOf(h.Item, data)).ToList());
        }

        var latency = LatencySummary.Of(timings);
        var quality = RetrievalEvaluator.Score(mode, queries, rankings);
        var name = mode.ToString().ToLowerInvariant();
        Console.WriteLine(Invariant(
            $"RESULT memory search over {SearchItems:N0} items, {name}: p50 {latency.P50:0.00} ms, p95 {latency.P95:0.00} ms, p99 {latency.P99:0.00} ms, max {latency.Max:0.00} ms over {latency.Count} queries (target p95 ≤ {SearchTargetP95Ms:0} ms in process → p95 is {latency.P95 / SearchTargetP95Ms:0.00}x the target)"));
        Console.WriteLine(Invariant(
            $"RESULT memory retrieval quality at {SearchItems:N0} items, {name}: recall@5 {quality.RecallAt5:0.000}, MRR@10 {quality.Mrr:0.000} ({quality.QueryCount} queries)"));
    }

    private static async Task DigestOfSmallStoreAsync(string root, RetrievalDataset data, CancellationToken ct)
    {
        await using var store = await SqliteMemoryStore.OpenAsync(Path.Combine(root, "digest-10.db"), new MemoryStoreOptions(), ct);
        for (var i = 0; i < 10; i++)
        {
            await store.SaveAsync(Draft(data, i), Viewer, ct);
        }

        await DigestAsync(store, root, "10 items", ct);
    }

    private static async Task DigestAsync(IMemoryStore store, string workspace, string size, CancellationToken ct)
    {
        var layer = new MemoryDigestLayer(store, TiktokenCounter.Instance);
        TiktokenCounter.Instance.CountTokens("load the tokenizer before timing");
        var clock = Stopwatch.StartNew();
        var text = await layer.GetTextAsync(new PromptLayerContext(Viewer.Agent, workspace), ct) ?? "";
        clock.Stop();
        var bullets = text.Split('\n').Count(line => line.StartsWith("- ", StringComparison.Ordinal));
        Console.WriteLine(Invariant(
            $"RESULT memory digest with {size} stored: {TiktokenCounter.Instance.CountTokens(text)} tokens, {bullets} items (cap {new MemoryDigestOptions().MaxTokens} tokens), built in {clock.Elapsed.TotalMilliseconds:0.0} ms"));
    }

    /// <summary>New facts (another seed, so some are about the same subjects and supersede) saved one by one into the full store.</summary>
    private static async Task SaveIntoLargeStoreAsync(SqliteMemoryStore store, int count, CancellationToken ct)
    {
        var extra = RetrievalDataset.Generate(Math.Max(count, 100), seed: 8);
        var actions = new Dictionary<MemorySaveAction, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var result = await store.SaveAsync(Draft(extra, i), Viewer, ct);
            actions[result.Action] = actions.GetValueOrDefault(result.Action) + 1;
        }

        clock.Stop();
        var summary = string.Join(", ", actions.OrderBy(a => a.Key).Select(a => $"{a.Value} {a.Key.ToString().ToLowerInvariant()}"));
        Console.WriteLine(Invariant(
            $"RESULT memory insert into a {SearchItems:N0}-item store (SaveAsync, one item per call): {count / clock.Elapsed.TotalSeconds:0.0} items/s, {clock.Elapsed.TotalMilliseconds / count:0.0} ms per save ({summary})"));
    }

    private static MemorySearchQuery Search(RetrievalQuery query, RetrievalMode mode) =>
        new() { Text = query.Text, Viewer = Viewer, Limit = RetrievalEvaluator.RankDepth, Mode = mode };

    private static MemoryDraft Draft(RetrievalDataset data, int index) => new()
    {
        Text = data.Facts[index].Text,
        Layer = data.Facts[index].Layer,
        Scope = MemoryScope.User,
        Source = new MemorySource(MemorySourceKinds.Import, data.Name, index + 1),
    };
}
