namespace Chitin.Memory.Sync;

/// <summary>
/// What the import half learned about a file's entries, for the export half: the item each entry stands for (by
/// entry index) and the entries in conflict, which must be written back exactly as the file has them.
/// </summary>
internal sealed class FileImportResult
{
    public Dictionary<int, string> EntryItems { get; } = [];

    public HashSet<int> Conflicted { get; } = [];
}
