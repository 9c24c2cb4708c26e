namespace Chitin.Storage.Checkpoints;

/// <summary>
/// Walks a workspace, or parts of it (not following links, skipping .git and whatever .gitignore files exclude),
/// reuses the stat index for unchanged paths and reads, hashes and stores only the files whose stat changed. With a
/// journal, every folder is watched before it is listed.
/// </summary>
internal sealed class WorkspaceScanner
{
    /// <summary>Coarse file-system clocks tick every few milliseconds; a stat this close to the scan is not trusted next time.</summary>
    private const long RacyWindowNs = 20_000_000;

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly ObjectStore _objects;
    private readonly CheckpointOptions _options;
    private readonly string _workspace;
    private readonly StatIndex _old;
    private readonly WorkspaceJournal? _journal;
    private readonly Dictionary<string, IndexEntry> _new;
    private readonly Dictionary<string, IgnoreRules> _folderRules = new(StringComparer.Ordinal);
    private readonly List<ManifestEntry> _entries = [];
    private readonly List<string> _notes = [];
    private readonly string _excluded;
    private readonly long _scanStartNs = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    private long _stored;
    private int _hashed;
    private bool _changed;

    public WorkspaceScanner(ObjectStore objects, CheckpointOptions options, string workspace, StatIndex old, WorkspaceJournal? journal = null)
    {
        _objects = objects;
        _options = options;
        _workspace = workspace;
        _old = old;
        _journal = journal;
        _new = new Dictionary<string, IndexEntry>(journal is null ? old.Entries.Count + 16 : 64, StringComparer.Ordinal);
        _excluded = Path.GetFullPath(options.Root);
    }

    /// <summary>False when every path matched the index: nothing was read and the index need not be saved.</summary>
    public bool Changed => _changed || _new.Count != _old.Entries.Count;

    /// <summary>What this scan saw, by path.</summary>
    public Dictionary<string, IndexEntry> Seen => _new;

    /// <summary>The entries this scan saw, in the order seen.</summary>
    public List<ManifestEntry> Entries => _entries;

    /// <summary>The ignore rules in force inside each folder walked (workspace-relative, "" for the root).</summary>
    public Dictionary<string, IgnoreRules> FolderRules => _folderRules;

    public List<string> Notes => _notes;

    public long BytesStored => _stored;

    public int FilesHashed => _hashed;

    /// <summary>Walks the whole workspace.</summary>
    public void WalkAll()
    {
        if (!Directory.Exists(_workspace))
        {
            throw new DirectoryNotFoundException($"The workspace '{_workspace}' does not exist.");
        }

        Walk(_workspace, "", BaseRules(_options, _workspace));
    }

    /// <summary>
    /// Looks at one path again, its folder's <paramref name="rules"/> given. A folder is walked when
    /// <paramref name="descend"/> (new or replaced); otherwise only its own entry is refreshed.
    /// </summary>
    public void Revisit(string relative, IgnoreRules rules, bool descend)
    {
        var slash = relative.LastIndexOf('/');
        var relativeFolder = slash < 0 ? "" : relative[..slash];
        var folder = relativeFolder.Length == 0 ? _workspace : Path.Combine(_workspace, relativeFolder);
        Visit(folder, relativeFolder, relative[(slash + 1)..], rules, descend);
    }

    /// <summary>Git's lower-precedence sources: the global excludes file, then the repository's .git/info/exclude.</summary>
    public static IgnoreRules BaseRules(CheckpointOptions options, string workspace)
    {
        var rules = IgnoreRules.None;
        foreach (var file in ExcludeFiles(options, workspace))
        {
            if (file is not null && File.Exists(file))
            {
                rules = rules.With("", ReadLines(file));
            }
        }

        return rules;
    }

    public static string?[] ExcludeFiles(CheckpointOptions options, string workspace) =>
        [options.GlobalExcludesFile, Path.Combine(workspace, ".git", "info", "exclude")];

    public static Manifest Sorted(List<ManifestEntry> entries)
    {
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new Manifest(entries);
    }

    private void Walk(string folder, string relativeFolder, IgnoreRules rules)
    {
        _journal?.Watch(folder, relativeFolder);
        var gitignore = Path.Combine(folder, ".gitignore");
        if (File.Exists(gitignore))
        {
            rules = rules.With(relativeFolder, ReadLines(gitignore));
        }

        _folderRules[relativeFolder] = rules;
        var names = new FileSystemEnumerable<string>(folder, static (ref FileSystemEntry e) => e.FileName.ToString(), ListOptions);
        foreach (var name in names)
        {
            Visit(folder, relativeFolder, name, rules, descend: true);
        }
    }

    private void Visit(string folder, string relativeFolder, string name, IgnoreRules rules, bool descend)
    {
        if (name == ".git")
        {
            return;
        }

        var full = Path.Combine(folder, name);
        var relative = relativeFolder.Length == 0 ? name : relativeFolder + "/" + name;
        if (!FileStat.TryGet(full, out var stat) || stat.Kind == FileStatKind.Other)
        {
            return;
        }

        var isDirectory = stat.Kind == FileStatKind.Directory;
        if (rules.IsIgnored(relative, name, isDirectory) || (isDirectory && string.Equals(full, _excluded, StringComparison.Ordinal)))
        {
            return;
        }

        if (relative.AsSpan().IndexOfAny('\t', '\n') >= 0)
        {
            _notes.Add($"skipped {relative.ReplaceLineEndings(" ")}: a tab or line break in the name");
            return;
        }

        Add(relative, full, stat);
        if (isDirectory && descend)
        {
            Walk(full, relative, rules);
        }
    }

    private void Add(string relative, string full, FileStat stat)
    {
        if (_old.Entries.TryGetValue(relative, out var known) && known.Matches(stat))
        {
            _new[relative] = known;
            _entries.Add(known.Entry);
            return;
        }

        _changed = true;
        var entry = stat.Kind switch
        {
            FileStatKind.Directory => new ManifestEntry(relative, EntryKind.Directory, stat.Permissions, 0, ""),
            FileStatKind.SymbolicLink => new ManifestEntry(relative, EntryKind.Link, 0, 0, new FileInfo(full).LinkTarget ?? ""),
            _ => FileEntry(relative, full, stat),
        };
        var racy = stat.ModifiedNs >= _scanStartNs - RacyWindowNs || stat.ChangedNs >= _scanStartNs - RacyWindowNs;
        _new[relative] = new IndexEntry(stat, entry, racy);
        _entries.Add(entry);
    }

    private ManifestEntry FileEntry(string relative, string full, FileStat stat)
    {
        if (stat.Size > _options.MaxFileBytes)
        {
            _notes.Add(string.Create(CultureInfo.InvariantCulture, $"not kept: {relative} ({stat.Size / (1024 * 1024)} MB is over the {_options.MaxFileBytes / (1024 * 1024)} MB cap); a rewind leaves it as it is"));
            return Skipped(relative, stat);
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _notes.Add($"not kept: {relative} (cannot be read: {ex.Message}); a rewind leaves it as it is");
            return Skipped(relative, stat);
        }

        var (hash, written) = _objects.Put(content);
        _stored += written;
        _hashed++;
        return new ManifestEntry(relative, EntryKind.File, stat.Permissions, content.LongLength, hash);
    }

    private static ManifestEntry Skipped(string relative, FileStat stat) =>
        new(relative, EntryKind.Skipped, stat.Permissions, stat.Size, stat.ModifiedNs.ToString(CultureInfo.InvariantCulture));

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
