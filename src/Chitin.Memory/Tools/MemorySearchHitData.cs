namespace Chitin.Memory.Tools;

/// <summary>One hit in the structured result of memory_search.</summary>
internal sealed record MemorySearchHitData(string Id, string Text, string Layer, string Scope, double Score, DateTimeOffset ValidFrom, IReadOnlyList<string> Tags, bool Pinned);
