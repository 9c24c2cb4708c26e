namespace Chitin.Memory.Storage;

/// <summary>An item as stored: the public record plus the row number and the columns the record does not show.</summary>
internal sealed record StoredItem(long ItemNo, MemoryItem Item, string? OriginSession, bool SubjectExplicit)
{
    public VectorEntry ToEntry() => new(
        Item.Scope,
        Item.ScopeKey,
        Item.Layer,
        OriginSession,
        Item.ValidFrom,
        Item.ValidTo is not null,
        Item.ExpiresAt,
        Item.Pinned);
}
