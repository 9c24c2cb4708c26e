namespace Chitin.Tools.Search;

/// <summary>
/// Walks the files under a folder in name order, skipping .git, what .gitignore files exclude (the repository's
/// root file, nested ones and .git/info/exclude) and symbolic links to folders. Stops after a fixed number of
/// entries so a huge tree cannot stall a call.
/// </summary>
internal sealed class IgnoreAwareWalker
{
    public const int MaxEntries = 200_000;

    private readonly string _start;
    private readonly string _ignoreRoot;
    private int _entries;

    /// <param name="start">Full path of the folder to walk.</param>
    /// <param name="fallbackIgnoreRoot">Where ignore files are read from when no enclosing git repository exists (the workspace).</param>
    public IgnoreAwareWalker(string start, string fallbackIgnoreRoot)
    {
        _start = Path.TrimEndingDirectorySeparator(start);
        var fallback = Path.TrimEndingDirectorySeparator(RealPath.Resolve(fallbackIgnoreRoot) ?? fallbackIgnoreRoot);
        _ignoreRoot = GitRepository.RootOf(_start) ?? (PathContainment.IsInside(_start, fallback) ? fallback : _start);
    }

    /// <summary>True when the walk stopped at <see cref="MaxEntries"/> before seeing everything.</summary>
    public bool Stopped { get; private set; }

    public IEnumerable<WalkedFile> Files(CancellationToken cancellationToken)
    {
        var rules = AncestorRules();
        return Walk(new DirectoryInfo(_start), rules, cancellationToken);
    }

    private IEnumerable<WalkedFile> Walk(DirectoryInfo directory, List<GitIgnore> rules, CancellationToken cancellationToken)
    {
        var local = GitIgnore.Load(RootRelative(directory.FullName), Path.Join(directory.FullName, ".gitignore"));
        if (local is { RuleCount: > 0 })
        {
            rules = [.. rules, local];
        }

        FileSystemInfo[] entries;
        try
        {
            entries = FolderEntries.Sorted(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++_entries > MaxEntries)
            {
                Stopped = true;
                yield break;
            }

            var isLink = entry.LinkTarget is not null;
            var isDirectory = entry is DirectoryInfo;
            if ((isDirectory && (isLink || entry.Name == ".git")) || IsIgnored(rules, RootRelative(entry.FullName), isDirectory))
            {
                continue;
            }

            if (entry is DirectoryInfo subdirectory)
            {
                foreach (var file in Walk(subdirectory, rules, cancellationToken))
                {
                    yield return file;
                }

                if (Stopped)
                {
                    yield break;
                }
            }
            else
            {
                yield return new WalkedFile(entry.FullName, Path.GetRelativePath(_start, entry.FullName).Replace('\\', '/'), (FileInfo)entry, isLink);
            }
        }
    }

    /// <summary>The deepest ignore file with an opinion decides; within one file its last matching rule does.</summary>
    private static bool IsIgnored(List<GitIgnore> rules, string rootRelative, bool isDirectory)
    {
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            if (rules[i].Match(rootRelative, isDirectory) is { } decision)
            {
                return decision;
            }
        }

        return false;
    }

    /// <summary>Ignore files of the folders between the ignore root and the start folder (the start's own is read by the walk).</summary>
    private List<GitIgnore> AncestorRules()
    {
        var rules = new List<GitIgnore>();
        if (GitIgnore.Load("", Path.Join(_ignoreRoot, ".git", "info", "exclude")) is { RuleCount: > 0 } exclude)
        {
            rules.Add(exclude);
        }

        var relative = RootRelative(_start);
        if (relative.Length == 0)
        {
            return rules;
        }

        var folder = "";
        foreach (var part in relative.Split('/').SkipLast(1).Prepend(""))
        {
            folder = part.Length == 0 ? folder : folder.Length == 0 ? part : folder + "/" + part;
            if (GitIgnore.Load(folder, Path.Join(_ignoreRoot, folder, ".gitignore")) is { RuleCount: > 0 } file)
            {
                rules.Add(file);
            }
        }

        return rules;
    }

    private string RootRelative(string fullPath)
    {
        var relative = Path.GetRelativePath(_ignoreRoot, fullPath).Replace('\\', '/');
        return relative == "." ? "" : relative;
    }
}
