namespace Chitin.Memory.Sync;

/// <summary>
/// One bullet or paragraph of a memory file: its text (a nested bullet carries its parents' text as context), its
/// 1-based line, the headings above it as tags, whether it is inside Chitin's section, and the item id of its hidden
/// id comment, if any.
/// </summary>
internal sealed record MarkdownEntry(string Text, int Line, IReadOnlyList<string> Tags, bool InSection, string? ItemId);
