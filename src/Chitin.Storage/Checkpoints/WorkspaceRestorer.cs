namespace Chitin.Storage.Checkpoints;

/// <summary>
/// Makes a workspace match a manifest: removes what the manifest lacks, then creates folders and writes files and
/// links (each file through a temporary file and a rename). Skipped entries are never written or removed.
/// </summary>
internal sealed class WorkspaceRestorer(ObjectStore objects, string workspace)
{
    private readonly List<FileChange> _changes = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<FileChange> Changes => _changes;

    public IReadOnlyList<string> Notes => _notes;

    public void Apply(Manifest current, Manifest target)
    {
        var differing = ManifestDiff.Differing(current, target);

        // Children before their folders.
        for (var i = differing.Count - 1; i >= 0; i--)
        {
            var (c, t) = differing[i];
            if (c is null || (t is not null && (t.Kind == c.Kind || c.Kind == EntryKind.Skipped)))
            {
                continue;
            }

            Remove(c, t);
        }

        // Folders before their children.
        foreach (var (c, t) in differing)
        {
            if (t is null || (c is not null && c.Kind == t.Kind && c.SameAs(t)))
            {
                continue;
            }

            Restore(t, c);
        }
    }

    private void Remove(ManifestEntry c, ManifestEntry? t)
    {
        var full = FullPath(c.Path);
        switch (c.Kind)
        {
            case EntryKind.Skipped:
                _notes.Add($"left in place: {c.Path} (it had no copy: over the size cap or unreadable)");
                break;
            case EntryKind.Directory:
                try
                {
                    Directory.Delete(full, recursive: false);
                }
                catch (IOException) when (Directory.Exists(full))
                {
                    _notes.Add($"kept folder {c.Path}: it still holds ignored or uncheckpointed files");
                }

                break;
            default:
                File.Delete(full);
                if (t is null)
                {
                    _changes.Add(new FileChange(c.Path, FileChangeKind.Deleted));
                }

                break;
        }
    }

    private void Restore(ManifestEntry t, ManifestEntry? c)
    {
        var full = FullPath(t.Path);
        switch (t.Kind)
        {
            case EntryKind.Directory:
                Directory.CreateDirectory(full);
                SetMode(full, t.Mode);
                break;
            case EntryKind.Skipped:
                _notes.Add($"not restored: {t.Path} (it had no copy: over the size cap or unreadable)");
                break;
            case EntryKind.Link:
                File.Delete(full);
                File.CreateSymbolicLink(full, t.Content);
                _changes.Add(new FileChange(t.Path, c is null ? FileChangeKind.Created : FileChangeKind.Modified));
                break;
            default:
                if (c is { Kind: EntryKind.Skipped })
                {
                    _notes.Add($"not restored: {t.Path} (it is now over the size cap, so overwriting it could not be undone; move it away and rewind again)");
                    return;
                }

                WriteFile(full, t);
                _changes.Add(new FileChange(t.Path, c is null ? FileChangeKind.Created : FileChangeKind.Modified));
                break;
        }
    }

    private void WriteFile(string full, ManifestEntry t)
    {
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".chitin-rewind-{Guid.NewGuid():N}");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                objects.CopyTo(t.Content, file);
            }

            SetMode(temp, t.Mode);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void SetMode(string path, int mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            SetUnixMode(path, mode);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void SetUnixMode(string path, int mode) => File.SetUnixFileMode(path, (UnixFileMode)(mode & 0x1FF));

    private string FullPath(string relative) => Path.Combine(workspace, relative.Replace('/', Path.DirectorySeparatorChar));
}
