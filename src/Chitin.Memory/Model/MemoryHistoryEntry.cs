namespace Chitin.Memory.Model;

/// <summary>One appended change of an item: what changed, when, the text at that point, why, and the related item.</summary>
public sealed record MemoryHistoryEntry(long Seq, string ItemId, MemoryChangeKind Change, DateTimeOffset At, string Text, string? Reason, string? RelatedId);
