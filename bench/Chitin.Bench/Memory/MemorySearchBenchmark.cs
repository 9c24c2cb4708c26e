using System.Diagnostics;
using Chitin.Memory.Evaluation;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using static System.FormattableString;

namespace Chitin.Bench.Memory;

/// <summary>
/// Search latency and quality over a 100,000-item store kept between runs (<c>-- memory-search [path]</c>): the store is
/// built once (SaveManyAsync, then the hashed indexer) and reused, so changes to ranking can be measured in seconds.
/// </summary>
public static class MemorySearchBenchmark
{
    public static async Task<int> RunAsync(string? path, bool analyse, bool save, CancellationToken ct)
    {
        path ??= Path.Combine(Path.GetTempPath(), "chitin-bench-memory-search-100k.db");
        var data = RetrievalDataset.Generate(MemoryBenchmark.SearchItems);
        if (!File.Exists(path))
        {
            await using var build = await SqliteMemoryStore.OpenAsync(path, new MemoryStoreOptions { BackgroundIndexing = false }, ct);
            var clock = Stopwatch.StartNew();
            await RetrievalEvaluator.LoadAsync(build, data, 5_000, ct);
            await build.EnsureVectorsAsync(ct);
            Console.WriteLine(Invariant($"built {path} in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        await using (var migrate = await SqliteMemoryStore.OpenAsync(path, new MemoryStoreOptions { BackgroundIndexing = false }, ct))
        {
            await migrate.GetStatsAsync(ct);
        }

        if (save)
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
        await using var store = await SqliteMemoryStore.OpenAsync(path, new MemoryStoreOptions(), ct);
        await store.EnsureVectorsAsync(ct);
        var queries = MemoryBenchmark.SampleQueries(data, 320);
        if (analyse)
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
}
