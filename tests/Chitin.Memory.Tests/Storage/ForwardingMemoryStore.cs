using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Storage;

/// <summary>
/// Another IMemoryStore implementation: forwards every call to a real store (which its caller owns and disposes) and
/// counts the listings and searches, e.g. the reads the digest makes.
/// </summary>
internal sealed class ForwardingMemoryStore(IMemoryStore inner) : IMemoryStore
{
    public int Lists { get; private set; }

    public int Searches { get; private set; }

    public Task<MemorySaveResult> SaveAsync(MemoryDraft draft, MemoryViewer writer, CancellationToken cancellationToken) => inner.SaveAsync(draft, writer, cancellationToken);

    public Task<IReadOnlyList<MemoryHit>> SearchAsync(MemorySearchQuery query, CancellationToken cancellationToken)
    {
        Searches++;
        return inner.SearchAsync(query, cancellationToken);
    }

    public Task<MemoryItem?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<MemoryItem>> ListAsync(MemoryListQuery query, CancellationToken cancellationToken)
    {
        Lists++;
        return inner.ListAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken) => inner.GetHistoryAsync(id, cancellationToken);

    public Task<MemoryItem> EditAsync(string id, string newText, string reason, CancellationToken cancellationToken) => inner.EditAsync(id, newText, reason, cancellationToken);

    public Task<MemoryItem?> ForgetAsync(string id, string reason, CancellationToken cancellationToken) => inner.ForgetAsync(id, reason, cancellationToken);

    public Task<MemoryItem> SetPinnedAsync(string id, bool pinned, CancellationToken cancellationToken) => inner.SetPinnedAsync(id, pinned, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => inner.DeleteAsync(id, cancellationToken);

    public Task<IReadOnlyList<MemoryConflict>> ListConflictsAsync(CancellationToken cancellationToken) => inner.ListConflictsAsync(cancellationToken);

    public Task ResolveConflictAsync(long conflictId, ConflictResolution resolution, CancellationToken cancellationToken) => inner.ResolveConflictAsync(conflictId, resolution, cancellationToken);

    public Task<MemoryStats> GetStatsAsync(CancellationToken cancellationToken) => inner.GetStatsAsync(cancellationToken);

    public Task<long?> GetChangeStampAsync(CancellationToken cancellationToken) => inner.GetChangeStampAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
