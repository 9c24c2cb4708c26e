namespace Chitin.Bench.Memory;

/// <summary>
/// What <c>-- memory-search</c> does besides timing searches: <paramref name="Analyse"/> lists the hybrid misses,
/// <paramref name="Save"/> times saves into a copy, <paramref name="MiniLm"/> uses the semantic embedder (its own kept
/// store) with <paramref name="Threads"/> ONNX Runtime threads (null: the embedder's default, half the cores).
/// </summary>
internal sealed record MemorySearchOptions(bool Analyse, bool Save, bool MiniLm, int? Threads);
