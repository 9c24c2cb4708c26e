namespace Chitin.Agents.Orchestration;

/// <summary>
/// The digests waiting for orchestrators' next model calls. When an agent's wait leaves it with no child running, that
/// is a stage boundary: its context is rebuilt from the plan, the ledger and the results on disk, so its requests stay
/// flat across stages instead of growing with every stage's spawns and envelopes.
/// </summary>
public sealed class StageDigests : IContextRebuild
{
    private readonly ConcurrentDictionary<string, string> _waiting = new(StringComparer.Ordinal);

    public void Post(string sessionId, string digest) => _waiting[sessionId] = digest;

    public string? TakeDigest(string sessionId) => _waiting.TryRemove(sessionId, out var digest) ? digest : null;
}
