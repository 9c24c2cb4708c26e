using System.Diagnostics;
using Chitin.Memory.Embeddings;
using Chitin.Memory.Evaluation;
using static System.FormattableString;

namespace Chitin.Bench.Memory;

/// <summary>
/// <c>-- minilm [count] [--threads n]</c>: how fast the offline semantic embedder embeds the evaluation's facts, in the
/// batches the store's indexer hands it (64 texts per call), wall and CPU time, after one warm-up call.
/// </summary>
internal static class MiniLmThroughputBenchmark
{
    private const int IndexerBatch = 64;

    public static async Task<int> RunAsync(int count, int? threads, CancellationToken ct)
    {
        if (!MiniLmEmbeddingGenerator.IsInstalled())
        {
            Console.WriteLine("RESULT minilm: the model is not installed next to the benchmark");
            return 1;
        }

        var texts = RetrievalDataset.Generate(Math.Max(count, 1_000)).Facts.Take(count).Select(f => f.Text).ToList();
        using var embedder = new MiniLmEmbeddingGenerator(threads: threads);
        var load = Stopwatch.StartNew();
        await embedder.GenerateAsync(texts.Take(IndexerBatch), cancellationToken: ct);
        Console.WriteLine(Invariant($"minilm model load + first batch: {load.Elapsed.TotalSeconds:0.00} s"));

        var cpu = MemoryBenchmark.CpuTime();
        var clock = Stopwatch.StartNew();
        foreach (var batch in texts.Chunk(IndexerBatch))
        {
            await embedder.GenerateAsync(batch, cancellationToken: ct);
        }

        clock.Stop();
        cpu = MemoryBenchmark.CpuTime() - cpu;
        Console.WriteLine(Invariant(
            $"RESULT minilm throughput: {count:N0} texts in {clock.Elapsed.TotalSeconds:0.0} s wall = {count / clock.Elapsed.TotalSeconds:0.0} items/s, {cpu.TotalSeconds:0.0} s CPU = {count / cpu.TotalSeconds:0.0} items per CPU second, threads {threads?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, load average {MemoryBenchmark.LoadAverage()}"));
        return 0;
    }
}
