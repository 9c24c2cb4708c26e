namespace Chitin.Storage.Checkpoints;

/// <summary>Everything a rewind changed besides files, in order, so rewinding the rewind can apply the inverse.</summary>
public sealed record RewindChanges(IReadOnlyList<MessageChange> Messages, IReadOnlyList<EntryChange> Entries)
{
    public static RewindChanges None { get; } = new([], []);
}
