namespace Chitin.Skills.Vetting;

/// <summary>
/// Stores the content findings of a vetted skill by its content hash and the vetter's rules version, so an unchanged
/// skill is not scanned twice and any change (or a new rules version) scans again.
/// </summary>
public interface IVetCache
{
    /// <returns>The stored entry, or null when there is none (or it is unusable).</returns>
    ValueTask<VetCacheEntry?> TryGetAsync(string contentHash, string rulesVersion, CancellationToken cancellationToken);

    ValueTask StoreAsync(VetCacheEntry entry, CancellationToken cancellationToken);
}
