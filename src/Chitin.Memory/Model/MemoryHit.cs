namespace Chitin.Memory.Model;

/// <summary>One search result: the item and its final score (higher is better).</summary>
public sealed record MemoryHit(MemoryItem Item, double Score);
