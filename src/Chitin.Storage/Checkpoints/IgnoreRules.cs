namespace Chitin.Storage.Checkpoints;

/// <summary>
/// The .gitignore files from the workspace root down to one folder. A deeper file's rules win over a parent's, and
/// within a file the last matching line wins, as in git. An ignored folder is not descended into, so nothing in it
/// can be re-included (also as in git). Below the .gitignore files come .git/info/exclude and then the user's global
/// excludes file (<see cref="CheckpointOptions.GlobalExcludesFile"/>); core.excludesFile in git config is not read.
/// </summary>
internal sealed class IgnoreRules
{
    public static IgnoreRules None { get; } = new(null, "", []);

    private readonly IgnoreRules? _parent;
    private readonly string _folder;
    private readonly IgnorePattern[] _patterns;

    private IgnoreRules(IgnoreRules? parent, string folder, IgnorePattern[] patterns)
    {
        _parent = parent;
        _folder = folder;
        _patterns = patterns;
    }

    /// <summary>These rules plus the lines of a .gitignore in <paramref name="folder"/> (workspace-relative, "" for the root).</summary>
    public IgnoreRules With(string folder, IEnumerable<string> lines)
    {
        var patterns = lines.Select(IgnorePattern.Parse).OfType<IgnorePattern>().ToArray();
        return patterns.Length == 0 ? this : new IgnoreRules(this, folder, patterns);
    }

    /// <param name="path">Workspace-relative path with '/' separators.</param>
    public bool IsIgnored(string path, string name, bool isDirectory)
    {
        for (var rules = this; rules is not null; rules = rules._parent)
        {
            if (rules._patterns.Length == 0)
            {
                continue;
            }

            var relative = rules._folder.Length == 0 ? path : path[(rules._folder.Length + 1)..];
            for (var i = rules._patterns.Length - 1; i >= 0; i--)
            {
                var pattern = rules._patterns[i];
                if (pattern.Matches(relative, name, isDirectory))
                {
                    return !pattern.Negated;
                }
            }
        }

        return false;
    }
}
