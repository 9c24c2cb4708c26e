namespace Chitin.Memory.Sync;

/// <summary>A two-way sync: what was taken in from the files, then what was written back into Chitin's sections.</summary>
public sealed record MemorySyncReport(MemoryImportReport Import, MemoryExportReport Export)
{
    public IReadOnlyList<MemorySyncConflict> Conflicts => Import.Conflicts;

    public IReadOnlyList<MemoryFileError> Errors => [.. Import.Errors, .. Export.Errors];
}
