namespace Chitin.Memory.Sync;

/// <summary>Counts and findings of one import, export or sync while it runs; turned into the public reports at the end.</summary>
internal sealed class SyncTally
{
    public List<string> Files { get; } = [];

    public int Created { get; set; }

    public int Unchanged { get; set; }

    public int Updated { get; set; }

    public int Superseded { get; set; }

    public int Removed { get; set; }

    public List<MemorySyncConflict> Conflicts { get; } = [];

    public List<MemorySyncNotice> Notices { get; } = [];

    public List<MemoryFileError> ImportErrors { get; } = [];

    public List<string> FilesWritten { get; } = [];

    public List<string> FilesUnchanged { get; } = [];

    public int Added { get; set; }

    public int Refreshed { get; set; }

    public int Dropped { get; set; }

    public int Items { get; set; }

    public List<MemoryFileError> ExportErrors { get; } = [];

    public MemoryImportReport ToImportReport() => new()
    {
        Files = Files.ToList(),
        Created = Created,
        Unchanged = Unchanged,
        Updated = Updated,
        Superseded = Superseded,
        Removed = Removed,
        Conflicts = Conflicts.ToList(),
        Notices = Notices.ToList(),
        Errors = ImportErrors.ToList(),
    };

    public MemoryExportReport ToExportReport() => new()
    {
        FilesWritten = FilesWritten.ToList(),
        FilesUnchanged = FilesUnchanged.ToList(),
        Added = Added,
        Refreshed = Refreshed,
        Removed = Dropped,
        Items = Items,
        Errors = ExportErrors.ToList(),
    };
}
