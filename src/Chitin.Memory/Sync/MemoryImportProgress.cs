namespace Chitin.Memory.Sync;

/// <summary>
/// One change an import has committed to the store: reported only after the store call returned, so every reported
/// item is durable even if the process dies right after.
/// </summary>
/// <param name="File">Full path of the Markdown file.</param>
/// <param name="Line">1-based line of the entry (for a removal, the line it had at the last sync).</param>
/// <param name="ItemId">The stored item.</param>
/// <param name="Action">What happened.</param>
/// <param name="Text">The entry's text (for a removal, the text the item had).</param>
public sealed record MemoryImportProgress(string File, int Line, string ItemId, MemoryImportAction Action, string Text);
