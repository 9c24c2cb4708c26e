namespace Chitin.Memory.Sync;

/// <summary>A memory file parsed: its entries in file order, Chitin's section if present, front matter tags, and its line ending.</summary>
internal sealed record ParsedMemoryFile(
    MemoryFileContent Content,
    IReadOnlyList<MarkdownEntry> Entries,
    ManagedSection? Section,
    IReadOnlyList<string> FrontMatterTags,
    string NewLine)
{
    public static ParsedMemoryFile Empty(string path) => new(MemoryFileContent.Missing(path), [], null, [], "\n");

    public IEnumerable<MarkdownEntry> UserEntries => Entries.Where(e => !e.InSection);
}
