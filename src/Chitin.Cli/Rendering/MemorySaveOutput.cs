namespace Chitin.Cli.Rendering;

/// <summary><c>chitin memory add --json</c>: what the save did and the item it stored or found.</summary>
public sealed record MemorySaveOutput(string Action, MemoryItemOutput Item, IReadOnlyList<string> SupersededIds, IReadOnlyList<string> ConflictIds);
