using System.Diagnostics;
using Chitin.Core.Context;
using Chitin.Memory.Digest;
using Chitin.Memory.Embeddings;
using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Chitin.Memory.Sync;
using static System.FormattableString;

namespace Chitin.Bench.Memory;

/// <summary>
/// Memory store figures on real SQLite files in a temp folder: insert throughput (single SaveAsync calls and the bulk
/// SaveManyAsync), import throughput (MarkdownMemorySync.ImportAsync of a 100,000-bullet MEMORY.md), opening time and
/// memory of a 100,000-item store, search latency over 100,000 items in each
/// retrieval mode (p50/p95/p99 against the 20 ms p95 target) with the retrieval quality at that size, and the size
/// of the memory digest in tokens with 10 and with 100,000 stored items.
/// </summary>
public static class MemoryBenchmark
{
    public const int SearchItems = 100_000;

    private const double SearchTargetP95Ms = 20;
    private const int BulkBatch = 5_000;
    private const int WarmUpQueryCount = 20;

    private static readonly MemoryViewer Viewer = RetrievalEvaluator.Viewer;

    /// <summary>As the CLI's one-shot commands open it: saved items wait for the next search (or an explicit indexing pass).</summary>
    private static readonly MemoryStoreOptions Unindexed = new() { BackgroundIndexing = false };

    public static async Task<int> RunAsync(bool quick, CancellationToken ct)
    {
        var insertCount = quick ? 500 : 1_000;
        var importCount = quick ? 10_000 : SearchItems;
        var queryCount = quick ? 160 : 320;
        var savesIntoLargeStore = quick ? 100 : 200;
        var batchSavesIntoLargeStore = quick ? 1_000 : 5_000;
        var root = Directory.CreateTempSubdirectory("chitin-bench-memory-").FullName;
        try
        {
            var data = RetrievalDataset.Generate(SearchItems);
            await ImportAsync(root, data.Facts.Take(importCount).ToList(), ct);
            await DigestOfSmallStoreAsync(root, data, ct);
            await using (var empty = await SqliteMemoryStore.OpenAsync(Path.Combine(root, "insert.db"), new MemoryStoreOptions(), ct))
            {
                await InsertAsync(empty, data, insertCount, ct);
            }

            var path = Path.Combine(root, "memory-100k.db");
            await using (var store = await SqliteMemoryStore.OpenAsync(path, Unindexed, ct))
            {
                var cpu = CpuTime();
                var load = await RetrievalEvaluator.LoadAsync(store, data, BulkBatch, ct);
                cpu = CpuTime() - cpu;
                Console.WriteLine(Invariant(
                    $"RESULT memory bulk save (SaveManyAsync, batches of {BulkBatch:N0}, empty store → {SearchItems:N0} items; vectors are the indexer's): {SearchItems / load.Elapsed.TotalSeconds:0} items/s, {load.Elapsed.TotalSeconds:0.0} s wall, {cpu.TotalSeconds:0.0} s CPU"));
                var embed = Stopwatch.StartNew();
                await store.EnsureVectorsAsync(ct);
                Console.WriteLine(Invariant(
                    $"RESULT memory indexer, hashed n-gram embedder: {SearchItems:N0} items embedded and stored as int8 in {embed.Elapsed.TotalSeconds:0.0} s ({SearchItems / embed.Elapsed.TotalSeconds:0} items/s)"));
            }

            await SemanticEmbedderAsync(data, ct);

            await OpenAsync(path, ct);
            await using (var store = await SqliteMemoryStore.OpenAsync(path, new MemoryStoreOptions(), ct))
            {
                var firstSearch = Stopwatch.StartNew();
                await store.SearchAsync(new MemorySearchQuery { Text = "warm up the vectors", Viewer = Viewer }, ct);
                firstSearch.Stop();
                Console.WriteLine(Invariant($"RESULT memory first vector search on a {SearchItems:N0}-item store (loads {store.VectorCount:N0} vectors): {firstSearch.Elapsed.TotalMilliseconds:0} ms"));

                // Every kind of query in equal share; the warm-up uses other queries so no measured one is cached.
                var queries = SampleQueries(data, queryCount);
                var warmUp = WarmUpQueries();
                await WarmUpAllModesAsync(store, warmUp, ct);
                foreach (var mode in new[] { RetrievalMode.Hybrid, RetrievalMode.Lexical, RetrievalMode.Vector })
                {
                    await SearchAsync(store, data, queries, warmUp, mode, ct);
                }

                await DigestAsync(store, root, $"{SearchItems:N0} items", ct);
                await SaveIntoLargeStoreAsync(store, savesIntoLargeStore, batchSavesIntoLargeStore, ct);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Only the import of a <paramref name="count"/>-bullet MEMORY.md into an empty store (for profiling the bulk path).</summary>
    public static async Task<int> ImportOnlyAsync(int count, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("chitin-bench-import-").FullName;
        try
        {
            await ImportAsync(root, RetrievalDataset.Generate(count).Facts, ct);
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Opening time and memory of a large store, with one command that does not search (stats) as a CLI command would run it.</summary>
    internal static async Task OpenAsync(string path, CancellationToken ct)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var rssBefore = process.WorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        await using var store = await SqliteMemoryStore.OpenAsync(path, new MemoryStoreOptions(), ct);
        var stats = await store.GetStatsAsync(ct);
        clock.Stop();
        cpu = CpuTime() - cpu;
        process.Refresh();
        var rssAfter = process.WorkingSet64;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: false);
        Console.WriteLine(Invariant(
            $"RESULT memory open a {stats.Current:N0}-item store and read its stats: {clock.Elapsed.TotalMilliseconds:0} ms wall, {cpu.TotalMilliseconds:0} ms CPU, +{(rssAfter - rssBefore) / 1048576.0:0.0} MB RSS, +{(heapAfter - heapBefore) / 1048576.0:0.0} MB managed heap, {store.VectorCount} vectors loaded, load average {LoadAverage()} (targets ≤ 150 ms, ≤ 60 MB)"));
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
        var files = MarkdownCorpus.WriteSingleFile(workspace, facts);
        await using var store = await SqliteMemoryStore.OpenAsync(Path.Combine(root, "import.db"), Unindexed, ct);
        var sync = new MarkdownMemorySync(store) { MaxFileBytes = 64L * 1024 * 1024 };
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        var report = await sync.ImportAsync(workspace, new MemoryViewer("main", workspace), progress: null, ct);
        clock.Stop();
        cpu = CpuTime() - cpu;
        var stored = report.Created + report.Superseded;
        Console.WriteLine(Invariant(
            $"RESULT memory import (MarkdownMemorySync.ImportAsync, one MEMORY.md of {facts.Count:N0} bullets, {files} file): {stored / clock.Elapsed.TotalSeconds:0} items/s ({stored:N0} stored, {report.Unchanged} unchanged, {report.Errors.Count} file errors, {new FileInfo(Path.Combine(workspace, "MEMORY.md")).Length / 1048576.0:0.0} MB file, {clock.Elapsed.TotalSeconds:0.0} s wall, {cpu.TotalSeconds:0.0} s CPU, load average {LoadAverage()}; target ≤ 10 s for 100,000)"));
    }

    /// <summary>
    /// The bundled all-MiniLM-L6-v2: model load time, batch throughput (→ time to embed a 100,000-item import), single
    /// query latency (what it adds to a hybrid search), and the bytes it adds to the install.
    /// </summary>
    private static async Task SemanticEmbedderAsync(RetrievalDataset data, CancellationToken ct)
    {
        if (!MiniLmEmbeddingGenerator.IsInstalled())
        {
            Console.WriteLine($"RESULT memory semantic embedder: not installed ({MiniLmEmbeddingGenerator.DefaultPath} missing)");
            return;
        }

        using var embedder = new MiniLmEmbeddingGenerator();
        var clock = Stopwatch.StartNew();
        await embedder.GenerateAsync(["load the model"], cancellationToken: ct);
        var load = clock.Elapsed;
        const int Sample = 2_000;
        clock.Restart();
        foreach (var chunk in data.Facts.Take(Sample).Chunk(64))
        {
            await embedder.GenerateAsync(chunk.Select(f => f.Text), cancellationToken: ct);
        }

        var perSecond = Sample / clock.Elapsed.TotalSeconds;
        var timings = new List<double>();
        foreach (var query in data.Queries.Take(200))
        {
            var started = Stopwatch.GetTimestamp();
            await embedder.GenerateAsync([query.Text], cancellationToken: ct);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var latency = LatencySummary.Of(timings);
        var folder = AppContext.BaseDirectory;
        var files = new[] { MiniLmEmbeddingGenerator.ModelAssembly, "Microsoft.ML.OnnxRuntime.dll", "runtimes/linux-x64/native/libonnxruntime.so", "runtimes/linux-x64/native/libonnxruntime_providers_shared.so" };
        var bytes = files.Select(f => new FileInfo(Path.Combine(folder, f))).Where(f => f.Exists).Sum(f => f.Length);
        Console.WriteLine(Invariant(
            $"RESULT memory semantic embedder ({MiniLmEmbeddingGenerator.Model}, ONNX Runtime, {Math.Max(1, Environment.ProcessorCount / 2)} thread(s)): model load {load.TotalMilliseconds:0} ms; {perSecond:0} items/s in batches of 64 ({Sample:N0} facts) → a {SearchItems:N0}-item import is fully embedded after about {SearchItems / perSecond / 60:0.0} min in the background; one query p50 {latency.P50:0.0} ms, p95 {latency.P95:0.0} ms; adds {bytes / 1048576.0:0} MB to a linux-x64 install (model assembly, ONNX Runtime managed + native)"));
    }

    internal static List<RetrievalQuery> SampleQueries(RetrievalDataset data, int count)
    {
        var step = data.Queries.Count / count;
        return data.Queries.Where((_, i) => i % step == 0).Take(count).ToList();
    }

    internal static List<RetrievalQuery> WarmUpQueries() =>
        RetrievalDataset.Generate(1_000, seed: 9).Queries.Where((_, i) => i % 16 == 0).Take(WarmUpQueryCount).ToList();

    /// <summary>
    /// Runs the warm-up queries in every mode a few times before any mode is timed: the search code paths share methods,
    /// and the mode timed first would otherwise pay for the JIT's tiering (tier 0, instrumented, optimised) of them all.
    /// </summary>
    internal static async Task WarmUpAllModesAsync(SqliteMemoryStore store, List<RetrievalQuery> warmUp, CancellationToken ct)
    {
        for (var round = 0; round < 3; round++)
        {
            foreach (var mode in new[] { RetrievalMode.Hybrid, RetrievalMode.Lexical, RetrievalMode.Vector })
            {
                foreach (var query in warmUp)
                {
                    await store.SearchAsync(Search(query, mode), ct);
                }
            }
        }
    }

    internal static async Task SearchAsync(SqliteMemoryStore store, RetrievalDataset data, List<RetrievalQuery> queries, List<RetrievalQuery> warmUp, RetrievalMode mode, CancellationToken ct)
    {
        foreach (var query in warmUp)
        {
            await store.SearchAsync(Search(query, mode), ct);
        }

        var timings = new List<double>(queries.Count);
        var rankings = new List<IReadOnlyList<string>>(queries.Count);
        var cpu = CpuTime();
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var hits = await store.SearchAsync(Search(query, mode), ct);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            rankings.Add(hits.Select(h => RetrievalEvaluator.FactIdOf(h.Item, data)).ToList());
        }

        cpu = CpuTime() - cpu;
        var latency = LatencySummary.Of(timings);
        var quality = RetrievalEvaluator.Score(mode, queries, rankings);
        var name = mode.ToString().ToLowerInvariant();
        Console.WriteLine(Invariant(
            $"RESULT memory search over {SearchItems:N0} items, {name}: p50 {latency.P50:0.00} ms, p95 {latency.P95:0.00} ms, p99 {latency.P99:0.00} ms, max {latency.Max:0.00} ms over {latency.Count} queries, {cpu.TotalMilliseconds / queries.Count:0.00} ms CPU per query on average, load average {LoadAverage()} (target p95 ≤ {SearchTargetP95Ms:0} ms in process → p95 is {latency.P95 / SearchTargetP95Ms:0.00}x the target)"));
        Console.WriteLine(Invariant(
            $"RESULT memory retrieval quality at {SearchItems:N0} items [{store.EmbedderName}], {name}: recall@5 {quality.RecallAt5:0.000}, MRR@10 {quality.Mrr:0.000} ({quality.QueryCount} queries; {string.Join(", ", quality.ByKind.Select(k => $"{k.Key.ToString().ToLowerInvariant()} {k.Value.RecallAt5:0.000} of {k.Value.QueryCount}"))})"));
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

    /// <summary>New facts (another seed, so some are about the same subjects and supersede) saved one by one, then in batches, into the full store.</summary>
    internal static async Task SaveIntoLargeStoreAsync(SqliteMemoryStore store, int singles, int batched, CancellationToken ct)
    {
        var extra = RetrievalDataset.Generate(Math.Max(singles + batched, 100), seed: 8);
        var actions = new Dictionary<MemorySaveAction, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < singles; i++)
        {
            var result = await store.SaveAsync(Draft(extra, i), Viewer, ct);
            actions[result.Action] = actions.GetValueOrDefault(result.Action) + 1;
        }

        clock.Stop();
        Console.WriteLine(Invariant(
            $"RESULT memory insert into a {SearchItems:N0}-item store (SaveAsync, one item per call): {singles / clock.Elapsed.TotalSeconds:0.0} items/s, {clock.Elapsed.TotalMilliseconds / singles:0.0} ms per save ({Summary(actions)})"));

        actions.Clear();
        var cpu = CpuTime();
        clock.Restart();
        foreach (var chunk in Enumerable.Range(singles, batched).Chunk(500))
        {
            foreach (var result in await store.SaveManyAsync(chunk.Select(i => Draft(extra, i)).ToList(), Viewer, ct))
            {
                actions[result.Action] = actions.GetValueOrDefault(result.Action) + 1;
            }
        }

        clock.Stop();
        cpu = CpuTime() - cpu;
        Console.WriteLine(Invariant(
            $"RESULT memory bulk save into a {SearchItems:N0}-item store (SaveManyAsync, batches of 500): {batched / clock.Elapsed.TotalSeconds:0} items/s wall, {batched / cpu.TotalSeconds:0} items per CPU second, load average {LoadAverage()} ({Summary(actions)}; target ≥ 2,000 items/s)"));

        static string Summary(Dictionary<MemorySaveAction, int> actions) =>
            string.Join(", ", actions.OrderBy(a => a.Key).Select(a => $"{a.Value} {a.Key.ToString().ToLowerInvariant()}"));
    }

    /// <summary>The one-minute load average, so wall figures measured on a shared machine can be read for what they are.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>CPU time of this process: on a machine shared with other builds, closer to what an idle machine's wall time would be than our own wall time.</summary>
    internal static TimeSpan CpuTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static MemorySearchQuery Search(RetrievalQuery query, RetrievalMode mode) =>
        new() { Text = query.Text, Viewer = Viewer, Limit = RetrievalEvaluator.RankDepth, Mode = mode };

    private static MemoryDraft Draft(RetrievalDataset data, int index) => new()
    {
        Text = data.Facts[index].Text,
        Layer = data.Facts[index].Layer,
        Scope = MemoryScope.User,
        Source = new MemorySource(MemorySourceKind.Import, data.Name, index + 1),
    };
}
