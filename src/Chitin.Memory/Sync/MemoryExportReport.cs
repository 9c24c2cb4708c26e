namespace Chitin.Memory.Sync;

/// <summary>What an export (or the export half of a sync) wrote into Chitin's sections.</summary>
public sealed record MemoryExportReport
{
    /// <summary>Files whose Chitin section was created or rewritten, full paths.</summary>
    public IReadOnlyList<string> FilesWritten { get; init; } = [];

    /// <summary>Files whose Chitin section already said exactly this; they were not touched.</summary>
    public IReadOnlyList<string> FilesUnchanged { get; init; } = [];

    /// <summary>Items added to a section.</summary>
    public int Added { get; init; }

    /// <summary>Bullets rewritten because their item was edited in the store.</summary>
    public int Refreshed { get; init; }

    /// <summary>Bullets dropped because their item was superseded, forgotten or deleted in the store.</summary>
    public int Removed { get; init; }

    /// <summary>Bullets in the sections after writing.</summary>
    public int Items { get; init; }

    /// <summary>Files that could not be written; they were left exactly as they were.</summary>
    public IReadOnlyList<MemoryFileError> Errors { get; init; } = [];
}
