using Chitin.Memory.Model;

namespace Chitin.Memory.Knowledge;

/// <summary>
/// What to do with an incoming fact: return an existing <see cref="Duplicate"/>, or store it, superseding
/// <see cref="Superseded"/> and recording a conflict with each of <see cref="Conflicts"/>.
/// </summary>
internal sealed record KnowledgeDecision(
    MemoryItem? Duplicate,
    string? DuplicateReason,
    IReadOnlyList<MemoryItem> Superseded,
    IReadOnlyList<KnowledgeConflict> Conflicts)
{
    public static KnowledgeDecision DuplicateOf(MemoryItem existing, string reason) => new(existing, reason, [], []);
}
