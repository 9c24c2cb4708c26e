namespace Chitin.Memory.Model;

/// <summary>The stored (or already existing) item, what happened, and which older items it replaced or conflicts with.</summary>
public sealed record MemorySaveResult(MemoryItem Item, MemorySaveAction Action, IReadOnlyList<string> SupersededIds, IReadOnlyList<string> ConflictIds);
