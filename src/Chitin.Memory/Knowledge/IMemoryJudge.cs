namespace Chitin.Memory.Knowledge;

/// <summary>
/// Decides the ambiguous cases the deterministic rules leave open: an incoming fact that is similar to a stored one
/// without clearly having the same subject. A judge that throws counts as <see cref="MemoryJudgement.Unsure"/>.
/// </summary>
public interface IMemoryJudge
{
    Task<MemoryJudgement> JudgeAsync(MemoryItem existing, MemoryDraft incoming, CancellationToken ct);
}
