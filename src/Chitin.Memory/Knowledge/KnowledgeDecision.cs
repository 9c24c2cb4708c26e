namespace Chitin.Memory.Knowledge;

/// <summary>
/// What to do with an incoming fact: return an existing <see cref="Duplicate"/>, or store it, superseding
/// <see cref="Superseded"/> and recording a conflict with each of <see cref="Conflicts"/>. Each of <see cref="Updated"/>
/// is both superseded and recorded as a conflict: the newer value wins, and the user can still keep the older one.
/// </summary>
internal sealed record KnowledgeDecision(
    MemoryItem? Duplicate,
    string? DuplicateReason,
    IReadOnlyList<MemoryItem> Superseded,
    IReadOnlyList<KnowledgeConflict> Conflicts)
{
    public IReadOnlyList<KnowledgeConflict> Updated { get; init; } = [];

    public static KnowledgeDecision DuplicateOf(MemoryItem existing, string reason) => new(existing, reason, [], []);
}
