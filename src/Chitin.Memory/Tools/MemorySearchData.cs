namespace Chitin.Memory.Tools;

/// <summary>Structured result of memory_search, best first.</summary>
internal sealed record MemorySearchData(string Query, IReadOnlyList<MemorySearchHitData> Hits);
