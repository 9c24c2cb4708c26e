namespace Chitin.Cli.Rendering;

/// <summary><c>chitin memory show --json</c>: the item and, with --history, every change of it oldest first.</summary>
public sealed record MemoryShowOutput(MemoryItemOutput Item, IReadOnlyList<MemoryHistoryEntry>? History);
