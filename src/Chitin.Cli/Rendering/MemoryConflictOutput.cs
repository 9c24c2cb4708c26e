namespace Chitin.Cli.Rendering;

/// <summary>One open conflict of <c>chitin memory conflicts --json</c>.</summary>
public sealed record MemoryConflictOutput(long Id, MemoryItemOutput Existing, MemoryItemOutput Incoming, string Reason, DateTimeOffset At);
