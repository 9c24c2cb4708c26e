namespace Chitin.Memory.Model;

/// <summary>Two current items that may say different things about the same subject, left for the user to settle.</summary>
public sealed record MemoryConflict(long Id, MemoryItem Existing, MemoryItem Incoming, string Reason, DateTimeOffset At);
