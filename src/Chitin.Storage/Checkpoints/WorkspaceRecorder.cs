namespace Chitin.Storage.Checkpoints;

/// <summary>
/// Records one workspace, kept for the life of the process. The first scan walks everything (and, on Linux, puts an
/// inotify watch on every folder it enters). Later scans drain the journal and look again only at the paths it names;
/// they walk everything again when events were lost, a .gitignore or exclude file changed, or no journal can be had
/// (not Linux, watch limit): correctness first, and the reason is logged once.
/// </summary>
internal sealed class WorkspaceRecorder(ObjectStore objects, ManifestStore manifests, CheckpointOptions options, string workspace, string indexPath, ILogger? logger) : IDisposable
{
    /// <summary>In journal mode the stat index file is rewritten every this many changed scans (and on dispose).</summary>
    private const int SaveEvery = 16;

    private ManifestChain _chain = new();
    private StatIndex? _index;
    private Manifest? _current;
    private WorkspaceJournal? _journal;
    private Dictionary<string, IgnoreRules> _folderRules = new(StringComparer.Ordinal);
    private FileStat?[] _excludes = [];
    private int _unsaved;

    /// <summary>Why this workspace has no change journal (every scan walks it), or null while it has one.</summary>
    public string? JournalOff { get; private set; }

    /// <summary>Folders the journal watches.</summary>
    public int Watches => _journal?.Watches ?? 0;

    /// <summary>Scans that walked the whole workspace.</summary>
    public int Walks { get; private set; }

    /// <summary>Scans the journal answered.</summary>
    public int JournalScans { get; private set; }

    public ScanResult Scan()
    {
        try
        {
            return _journal is not null && _index?.ManifestHash is { } hash && TryJournal(hash) is { } result ? result : Walk();
        }
        catch
        {
            // A half-applied update must not be trusted: start over with a walk next time.
            Forget();
            throw;
        }
    }

    /// <summary>Drops what is kept in memory (after a sweep: objects it names may be gone); the next scan walks.</summary>
    public void Forget()
    {
        _journal?.Dispose();
        _journal = null;
        _index = null;
        _current = null;
        _unsaved = 0;
        _chain = new ManifestChain();
    }

    public void Dispose()
    {
        if (_unsaved > 0 && _index is not null)
        {
            _index.Save(indexPath);
        }

        Forget();
    }

    private ScanResult Walk()
    {
        _journal?.Dispose();
        _journal = null;
        var journal = OpenJournal();
        var old = _index ?? StatIndex.Load(indexPath);
        var excludes = ExcludeStamps();
        var scanner = new WorkspaceScanner(objects, options, workspace, old, journal);
        try
        {
            scanner.WalkAll();
        }
        catch
        {
            journal?.Dispose();
            throw;
        }

        if (journal?.Failure is { } failure)
        {
            journal.Dispose();
            journal = null;
            TurnJournalOff(failure);
        }

        Manifest manifest;
        string hash;
        var stored = scanner.BytesStored;
        if (!scanner.Changed && old.ManifestHash is { } known && objects.Contains(known))
        {
            // Nothing changed: the previous manifest stands, already stored.
            hash = known;
            if (manifests.Cached(known) is { } same && same.Entries.Count == scanner.Entries.Count)
            {
                manifest = same;
            }
            else
            {
                manifest = WorkspaceScanner.Sorted(scanner.Entries);
                manifest.Bases = manifests.ChainOf(known);
                manifests.Remember(hash, manifest);
            }
        }
        else
        {
            manifest = WorkspaceScanner.Sorted(scanner.Entries);
            var previous = old.ManifestHash is { } p && objects.Contains(p) ? p : null;
            (hash, var written) = manifests.Put(manifest, previous, _chain);
            stored += written;
        }

        _index = new StatIndex(scanner.Seen, hash);
        _current = manifest;
        if (scanner.Changed || !string.Equals(old.ManifestHash, hash, StringComparison.Ordinal) || _unsaved > 0)
        {
            _index.Save(indexPath);
        }

        (_journal, _folderRules, _excludes, _unsaved) = (journal, scanner.FolderRules, excludes, 0);
        Walks++;
        return new ScanResult(manifest, hash, stored, scanner.FilesHashed, scanner.Notes, Walked: true);
    }

    /// <summary>The scan from the journal's events, or null when they cannot be trusted and a walk is needed.</summary>
    private ScanResult? TryJournal(string hash)
    {
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        if (!_journal!.Collect(dirty))
        {
            CheckpointLog.JournalWalk(logger, workspace, "change events were lost (inotify queue overflow) or the workspace folder itself changed");
            return null;
        }

        if (!ExcludeStamps().SequenceEqual(_excludes) || dirty.Any(IsIgnoreFile) || !objects.Contains(hash))
        {
            return null;
        }

        var index = _index!;
        var previous = _current ?? manifests.Load(hash);
        JournalScans++;
        if (dirty.Count == 0)
        {
            return new ScanResult(previous, hash, 0, 0, [], Walked: false);
        }

        var scanner = new WorkspaceScanner(objects, options, workspace, index, _journal);
        var changes = new Dictionary<string, ManifestEntry?>(StringComparer.Ordinal);
        var walked = new HashSet<string>(StringComparer.Ordinal);
        var visited = new List<(string Path, bool Known)>();
        foreach (var path in dirty.Order(StringComparer.Ordinal))
        {
            var slash = path.LastIndexOf('/');
            if (UnderAny(path, walked) || !_folderRules.TryGetValue(slash < 0 ? "" : path[..slash], out var rules))
            {
                continue; // already walked afresh in this pass, or its folder is not recorded (ignored, or gone)
            }

            var known = index.Entries.GetValueOrDefault(path);
            var exists = FileStat.TryGet(Path.Combine(workspace, path), out var stat);
            var sameFolder = known?.Stat.Kind == FileStatKind.Directory && exists && stat.Kind == FileStatKind.Directory && stat.Inode == known.Stat.Inode;
            if (known?.Stat.Kind == FileStatKind.Directory && !sameFolder)
            {
                RemoveTree(index, path, changes);
            }

            scanner.Revisit(path, rules, descend: !sameFolder);
            visited.Add((path, known is not null));
            if (!sameFolder && scanner.Seen.GetValueOrDefault(path)?.Stat.Kind == FileStatKind.Directory)
            {
                walked.Add(path);
            }
        }

        foreach (var (path, known) in visited)
        {
            if (known && !scanner.Seen.ContainsKey(path))
            {
                index.Entries.Remove(path);
                changes[path] = null;
            }
        }

        foreach (var (path, entry) in scanner.Seen)
        {
            index.Entries[path] = entry;
            changes[path] = entry.Entry;
        }

        foreach (var (folder, rules) in scanner.FolderRules)
        {
            _folderRules[folder] = rules;
        }

        if (_journal.Failure is { } failure)
        {
            TurnJournalOff(failure);
            _journal.Dispose();
            _journal = null;
        }

        var delta = changes
            .Where(c => previous.Find(c.Key) is { } old ? c.Value is null || !old.SameAs(c.Value) : c.Value is not null)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var stored = scanner.BytesStored;
        var manifest = previous;
        if (delta.Count > 0)
        {
            manifest = previous.With(delta);
            (hash, var written) = manifests.Put(manifest, hash, _chain);
            stored += written;
            index.ManifestHash = hash;
            _current = manifest;
        }

        if (++_unsaved >= SaveEvery)
        {
            index.Save(indexPath);
            _unsaved = 0;
        }

        return new ScanResult(manifest, hash, stored, scanner.FilesHashed, scanner.Notes, Walked: false);
    }

    private void RemoveTree(StatIndex index, string folder, Dictionary<string, ManifestEntry?> changes)
    {
        var prefix = folder + "/";
        foreach (var path in index.Entries.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            index.Entries.Remove(path);
            changes[path] = null;
        }

        foreach (var path in _folderRules.Keys.Where(p => p == folder || p.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            _folderRules.Remove(path);
        }

        _journal!.UnwatchTree(folder);
    }

    private WorkspaceJournal? OpenJournal()
    {
        if (!options.UseJournal || JournalOff is not null)
        {
            return null;
        }

        var journal = WorkspaceJournal.TryOpen(out var reason);
        if (journal is null)
        {
            TurnJournalOff(reason ?? "no change journal");
        }

        return journal;
    }

    private void TurnJournalOff(string reason)
    {
        JournalOff = reason;
        CheckpointLog.JournalOff(logger, workspace, reason);
    }

    private FileStat?[] ExcludeStamps() =>
        [.. WorkspaceScanner.ExcludeFiles(options, workspace).Select(f => f is not null && FileStat.TryGet(f, out var s, followLinks: true) ? s : (FileStat?)null)];

    private static bool IsIgnoreFile(string path) => path == ".gitignore" || path.EndsWith("/.gitignore", StringComparison.Ordinal);

    private static bool UnderAny(string path, HashSet<string> folders)
    {
        if (folders.Count == 0)
        {
            return false;
        }

        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (folders.Contains(path[..slash]))
            {
                return true;
            }
        }

        return false;
    }
}
