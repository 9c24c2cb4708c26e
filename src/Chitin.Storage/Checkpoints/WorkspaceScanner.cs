using System.Globalization;
using System.IO.Enumeration;
using Chitin.Platform.Files;

namespace Chitin.Storage.Checkpoints;

/// <summary>
/// Walks a workspace (not following links, skipping .git and whatever .gitignore files exclude), reuses the stat
/// index for unchanged paths and reads, hashes and stores only the files whose stat changed.
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
    private readonly Dictionary<string, IndexEntry> _new;
    private readonly List<ManifestEntry> _entries = [];
    private readonly List<string> _notes = [];
    private readonly string[] _excluded;
    private long _scanStartNs;
    private long _stored;
    private int _hashed;
    private bool _changed;

    public WorkspaceScanner(ObjectStore objects, CheckpointOptions options, string workspace, StatIndex old)
    {
        _objects = objects;
        _options = options;
        _workspace = workspace;
        _old = old;
        _new = new Dictionary<string, IndexEntry>(old.Entries.Count + 16, StringComparer.Ordinal);
        _excluded = [Path.GetFullPath(options.Root)];
    }

    /// <summary>False when every path matched the index: nothing was read and the index need not be saved.</summary>
    public bool Changed => _changed || _new.Count != _old.Entries.Count;

    /// <summary>Scans and returns the result and the index to keep for the next scan.</summary>
    /// <param name="previous">The manifest of the index's <see cref="StatIndex.ManifestHash"/> when at hand, reused when nothing changed.</param>
    public (ScanResult Result, StatIndex Index) Scan(Manifest? previous)
    {
        _scanStartNs = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        if (!Directory.Exists(_workspace))
        {
            throw new DirectoryNotFoundException($"The workspace '{_workspace}' does not exist.");
        }

        Walk(_workspace, "", BaseRules());
        if (!Changed && _old.ManifestHash is { } known && _objects.Contains(known))
        {
            // Nothing changed: the previous manifest stands, already stored.
            var same = previous is not null && previous.Entries.Count == _entries.Count ? previous : Sorted(_entries);
            return (new ScanResult(same, known, _stored, _hashed, _notes), new StatIndex(_new, known));
        }

        var manifest = Sorted(_entries);
        var (hash, bytes) = _objects.Put(manifest.Serialize());
        _stored += bytes;

        return (new ScanResult(manifest, hash, _stored, _hashed, _notes), new StatIndex(_new, hash));
    }

    /// <summary>Git's lower-precedence sources: the global excludes file, then the repository's .git/info/exclude.</summary>
    private IgnoreRules BaseRules()
    {
        var rules = IgnoreRules.None;
        foreach (var file in new[] { _options.GlobalExcludesFile, Path.Combine(_workspace, ".git", "info", "exclude") })
        {
            if (file is not null && File.Exists(file))
            {
                rules = rules.With("", ReadLines(file));
            }
        }

        return rules;
    }

    private static Manifest Sorted(List<ManifestEntry> entries)
    {
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new Manifest(entries);
    }

    private void Walk(string folder, string relativeFolder, IgnoreRules rules)
    {
        var gitignore = Path.Combine(folder, ".gitignore");
        if (File.Exists(gitignore))
        {
            rules = rules.With(relativeFolder, ReadLines(gitignore));
        }

        var names = new FileSystemEnumerable<string>(folder, static (ref FileSystemEntry e) => e.FileName.ToString(), ListOptions);
        foreach (var name in names)
        {
            if (name == ".git")
            {
                continue;
            }

            var full = Path.Combine(folder, name);
            var relative = relativeFolder.Length == 0 ? name : relativeFolder + "/" + name;
            if (!FileStat.TryGet(full, out var stat) || stat.Kind == FileStatKind.Other)
            {
                continue;
            }

            var isDirectory = stat.Kind == FileStatKind.Directory;
            if (rules.IsIgnored(relative, name, isDirectory) || (isDirectory && _excluded.Contains(full, StringComparer.Ordinal)))
            {
                continue;
            }

            if (relative.AsSpan().IndexOfAny('\t', '\n') >= 0)
            {
                _notes.Add($"skipped {relative.ReplaceLineEndings(" ")}: a tab or line break in the name");
                continue;
            }

            Add(relative, full, stat);
            if (isDirectory)
            {
                Walk(full, relative, rules);
            }
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
