using System.Diagnostics;
using Chitin.Memory.Embeddings;
using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using static System.FormattableString;

namespace Chitin.Bench.Memory;

/// <summary>
/// Search latency and quality over a 100,000-item store kept between runs (<c>-- memory-search [path]</c>): the store is
/// built once (SaveManyAsync, then the hashed indexer) and reused, so changes to ranking can be measured in seconds.
/// </summary>
internal static class MemorySearchBenchmark
{
    public static async Task<int> RunAsync(string? path, MemorySearchOptions options, CancellationToken ct)
    {
        path ??= options.MiniLm
            ? Path.Combine(RepositoryFolder.Root(), "artifacts", "chitin-bench-memory-search-100k-minilm.db")
            : Path.Combine(Path.GetTempPath(), "chitin-bench-memory-search-100k.db");
        var data = RetrievalDataset.Generate(MemoryBenchmark.SearchItems);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using var build = await SqliteMemoryStore.OpenAsync(path, new MemoryStoreOptions { BackgroundIndexing = false }, ct);
            var clock = Stopwatch.StartNew();
            await RetrievalEvaluator.LoadAsync(build, data, 5_000, ct);
            Console.WriteLine(Invariant($"loaded {path} in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        var storeOptions = new MemoryStoreOptions
        {
            Embedder = options.MiniLm ? new MiniLmEmbeddingGenerator(threads: options.Threads) : null,
            DisposeEmbedder = options.MiniLm,
            BackgroundIndexing = false,
        };
        await using (var build = await SqliteMemoryStore.OpenAsync(path, storeOptions, ct))
        {
            // Every vector, in committed batches: a run that is stopped keeps what it embedded and the next one goes on.
            await EmbedWithProgressAsync(build, ct);
        }

        if (options.Save)
        {
            // Into a copy, so the kept store stays at 100,000 items.
            var copy = Path.Combine(Path.GetTempPath(), $"chitin-bench-memory-save-{Environment.ProcessId}.db");
            File.Copy(path, copy, overwrite: true);
            try
            {
                await using var target = await SqliteMemoryStore.OpenAsync(copy, new MemoryStoreOptions { BackgroundIndexing = false }, ct);
                await MemoryBenchmark.SaveIntoLargeStoreAsync(target, 200, 5_000, ct);
            }
            finally
            {
                foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
                {
                    File.Delete(file);
                }
            }

            return 0;
        }

        await MemoryBenchmark.OpenAsync(path, ct);
        await using var store = await SqliteMemoryStore.OpenAsync(path, storeOptions with { Embedder = options.MiniLm ? new MiniLmEmbeddingGenerator(threads: options.Threads) : null }, ct);
        await store.EnsureVectorsAsync(ct);
        var queries = MemoryBenchmark.SampleQueries(data, 320);
        if (options.Analyse)
        {
            await RecallAnalysis.PrintAsync(store, data, queries, ct);
            return 0;
        }

        var warmUp = MemoryBenchmark.WarmUpQueries();
        await MemoryBenchmark.WarmUpAllModesAsync(store, warmUp, ct);
        foreach (var mode in new[] { RetrievalMode.Hybrid, RetrievalMode.Lexical, RetrievalMode.Vector })
        {
            await MemoryBenchmark.SearchAsync(store, data, queries, warmUp, mode, ct);
        }

        return 0;
    }

    private static async Task EmbedWithProgressAsync(SqliteMemoryStore store, CancellationToken ct)
    {
        var before = await store.GetStatsAsync(ct);
        if (before.AwaitingEmbedding == 0)
        {
            return;
        }

        var cpu = MemoryBenchmark.CpuTime();
        var clock = Stopwatch.StartNew();
        var embedding = store.EnsureVectorsAsync(ct);
        while (await Task.WhenAny(embedding, Task.Delay(TimeSpan.FromSeconds(60), ct)) != embedding)
        {
            var now = await store.GetStatsAsync(ct);
            Console.WriteLine(Invariant($"embedding with {now.Embedder}: {now.Embedded:N0} embedded, {now.AwaitingEmbedding:N0} waiting, {clock.Elapsed.TotalMinutes:0.0} min, load average {MemoryBenchmark.LoadAverage()}"));
        }

        await embedding;
        cpu = MemoryBenchmark.CpuTime() - cpu;
        Console.WriteLine(Invariant(
            $"RESULT memory-search store embedded with {store.EmbedderName}: {before.AwaitingEmbedding:N0} items in {clock.Elapsed.TotalMinutes:0.0} min wall ({before.AwaitingEmbedding / clock.Elapsed.TotalSeconds:0.0} items/s), {cpu.TotalMinutes:0.0} min CPU, load average {MemoryBenchmark.LoadAverage()}"));
    }
}
