namespace Chitin.Memory.Sync;

/// <summary>
/// One bullet to write in Chitin's section: the item, the inline Markdown to write, and the text to remember as synced
/// (null for a conflicted bullet, whose sync state must stay as it was).
/// </summary>
internal sealed record SectionBullet(string ItemId, string Markdown, string? SyncedText);
