namespace Chitin.Storage.Checkpoints;

/// <summary>Files (and links) that differ between two manifests; folders count only through their contents.</summary>
public static class ManifestDiff
{
    public static IReadOnlyList<FileChange> Between(Manifest before, Manifest after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FileChange>();
        foreach (var entry in after.Entries)
        {
            if (entry.Kind == EntryKind.Directory)
            {
                continue;
            }

            var old = before.Find(entry.Path);
            if (old is null || old.Kind == EntryKind.Directory)
            {
                changes.Add(new FileChange(entry.Path, FileChangeKind.Created));
            }
            else if (!old.SameAs(entry))
            {
                changes.Add(new FileChange(entry.Path, FileChangeKind.Modified));
            }
        }

        foreach (var entry in before.Entries)
        {
            if (entry.Kind != EntryKind.Directory && after.Find(entry.Path) is null or { Kind: EntryKind.Directory })
            {
                changes.Add(new FileChange(entry.Path, FileChangeKind.Deleted));
            }
        }

        changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return changes;
    }
}
