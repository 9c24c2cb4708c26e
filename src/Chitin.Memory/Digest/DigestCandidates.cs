namespace Chitin.Memory.Digest;

/// <summary>
/// The digest's candidate lists for one viewer (pinned items, newest facts and procedures) as read at one change
/// stamp of the store. They stay right while the stamp is the same and no item of them has expired: an item outside
/// the lists that expires cannot change which items lead them.
/// </summary>
internal sealed class DigestCandidates
{
    public DigestCandidates(long stamp, IReadOnlyList<MemoryItem> pinned, IReadOnlyList<MemoryItem> facts)
    {
        Stamp = stamp;
        Pinned = pinned;
        Facts = facts;
        ValidUntil = pinned.Concat(facts).Select(i => i.ExpiresAt).Where(e => e is not null).Min() ?? DateTimeOffset.MaxValue;
    }

    public long Stamp { get; }

    public IReadOnlyList<MemoryItem> Pinned { get; }

    /// <summary>Current facts and procedures the viewer sees, newest first; empty means no lexical match can exist either.</summary>
    public IReadOnlyList<MemoryItem> Facts { get; }

    /// <summary>The earliest expiry among the items (the store's filter keeps an item while its expiry is later than now).</summary>
    public DateTimeOffset ValidUntil { get; }

    public bool IsValid(long stamp, DateTimeOffset now) => stamp == Stamp && now < ValidUntil;
}
