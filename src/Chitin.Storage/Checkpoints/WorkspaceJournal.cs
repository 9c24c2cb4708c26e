namespace Chitin.Storage.Checkpoints;

/// <summary>
/// The change journal of one workspace: a <see cref="DirectoryJournal"/> watch on every folder the last walk went
/// into, and the workspace-relative path of each. <see cref="Collect"/> turns the queued events into the paths to
/// look at again.
/// </summary>
internal sealed class WorkspaceJournal : IDisposable
{
    private readonly DirectoryJournal _journal;
    private readonly Dictionary<int, string> _folders = [];
    private readonly Dictionary<string, int> _watches = new(StringComparer.Ordinal);
    private readonly List<DirectoryEvent> _events = [];

    private WorkspaceJournal(DirectoryJournal journal) => _journal = journal;

    public static WorkspaceJournal? TryOpen(out string? reason) =>
        DirectoryJournal.TryOpen(out reason) is { } journal ? new WorkspaceJournal(journal) : null;

    /// <summary>The first watch that could not be added; the journal is then incomplete and must not be used.</summary>
    public string? Failure { get; private set; }

    public int Watches => _watches.Count;

    /// <summary>Watches <paramref name="folder"/> before it is listed, so a change after the listing is queued.</summary>
    public void Watch(string folder, string relative)
    {
        if (Failure is not null)
        {
            return;
        }

        var wd = _journal.Watch(folder, out var reason);
        if (wd < 0)
        {
            Failure = reason;
            return;
        }

        // A folder moved within the workspace keeps its watch: the number now names the new path.
        if (_folders.TryGetValue(wd, out var previous) && _watches.TryGetValue(previous, out var same) && same == wd)
        {
            _watches.Remove(previous);
        }

        _folders[wd] = relative;
        _watches[relative] = wd;
    }

    /// <summary>Stops watching <paramref name="relative"/> and every folder under it.</summary>
    public void UnwatchTree(string relative)
    {
        var prefix = relative + "/";
        foreach (var (path, wd) in _watches.Where(w => w.Key == relative || w.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            _watches.Remove(path);
            if (_folders.TryGetValue(wd, out var named) && named == path)
            {
                _folders.Remove(wd);
                _journal.Unwatch(wd);
            }
        }
    }

    /// <summary>
    /// Adds to <paramref name="dirty"/> every workspace-relative path with a change queued since the last call. False
    /// when events were lost (queue overflow) or the workspace folder itself was replaced: then walk everything.
    /// </summary>
    public bool Collect(HashSet<string> dirty)
    {
        _events.Clear();
        if (!_journal.Drain(_events))
        {
            return false;
        }

        foreach (var e in _events)
        {
            if (!_folders.TryGetValue(e.Watch, out var folder))
            {
                continue; // a watch this journal already dropped
            }

            if (e.Name is { } name)
            {
                dirty.Add(folder.Length == 0 ? name : folder + "/" + name);
                continue;
            }

            if (folder.Length == 0)
            {
                return false;
            }

            dirty.Add(folder);
            if (e.WatchEnded)
            {
                _folders.Remove(e.Watch);
                if (_watches.TryGetValue(folder, out var wd) && wd == e.Watch)
                {
                    _watches.Remove(folder);
                }
            }
        }

        return true;
    }

    public void Dispose() => _journal.Dispose();
}
