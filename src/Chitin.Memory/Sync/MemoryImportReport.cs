namespace Chitin.Memory.Sync;

/// <summary>What an import (or the import half of a sync) did.</summary>
public sealed record MemoryImportReport
{
    /// <summary>The Markdown files read, full paths, in the order they were imported.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>New items stored.</summary>
    public int Created { get; init; }

    /// <summary>Entries already stored as they are (including repeats of a fact the store already had).</summary>
    public int Unchanged { get; init; }

    /// <summary>Items whose text was changed because the entry was edited in the file.</summary>
    public int Updated { get; init; }

    /// <summary>New items stored that replaced older items about the same subject.</summary>
    public int Superseded { get; init; }

    /// <summary>Items ended because their entry was removed from the file.</summary>
    public int Removed { get; init; }

    public IReadOnlyList<MemorySyncConflict> Conflicts { get; init; } = [];

    public IReadOnlyList<MemorySyncNotice> Notices { get; init; } = [];

    /// <summary>Files that could not be imported; nothing of them was stored.</summary>
    public IReadOnlyList<MemoryFileError> Errors { get; init; } = [];
}
