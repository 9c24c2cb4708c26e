namespace Chitin.Storage.Checkpoints;

/// <summary>Files (and links) that differ between two manifests; folders count only through their contents.</summary>
public static class ManifestDiff
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, sorted by path (one pass over both sorted lists).</summary>
    public static IReadOnlyList<FileChange> Between(Manifest before, Manifest after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FileChange>();
        foreach (var (old, now) in Differing(before, after))
        {
            var (wasFile, isFile) = (old is { Kind: not EntryKind.Directory }, now is { Kind: not EntryKind.Directory });
            if (wasFile && isFile)
            {
                changes.Add(new FileChange(now!.Path, FileChangeKind.Modified));
            }
            else if (isFile)
            {
                changes.Add(new FileChange(now!.Path, FileChangeKind.Created));
            }
            else if (wasFile)
            {
                changes.Add(new FileChange(old!.Path, FileChangeKind.Deleted));
            }
        }

        return changes;
    }

    /// <summary>The paths whose entries differ (either side null when absent), in path order: one pass over both sorted manifests.</summary>
    internal static List<(ManifestEntry? Before, ManifestEntry? After)> Differing(Manifest before, Manifest after)
    {
        var differing = new List<(ManifestEntry?, ManifestEntry?)>();
        var (a, b) = (before.Entries, after.Entries);
        var (i, j) = (0, 0);
        while (i < a.Count || j < b.Count)
        {
            var order = i == a.Count ? 1 : j == b.Count ? -1 : string.CompareOrdinal(a[i].Path, b[j].Path);
            var old = order <= 0 ? a[i++] : null;
            var now = order >= 0 ? b[j++] : null;
            if (old is null || now is null || (!ReferenceEquals(old, now) && !old.SameAs(now)))
            {
                differing.Add((old, now));
            }
        }

        return differing;
    }
}
