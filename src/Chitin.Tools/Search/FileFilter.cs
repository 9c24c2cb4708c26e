namespace Chitin.Tools.Search;

/// <summary>Glob patterns (with brace expansion) matched against walked files via Microsoft.Extensions.FileSystemGlobbing.</summary>
internal sealed class FileFilter
{
    private readonly Matcher _matcher = new(StringComparison.Ordinal);

    private FileFilter()
    {
    }

    /// <param name="anyDepth">Match a pattern without '/' at any depth (like ripgrep's --glob), not just at the top.</param>
    public static FileFilter For(string pattern, bool anyDepth)
    {
        var filter = new FileFilter();
        foreach (var expanded in BraceExpansion.Expand(Normalize(pattern)))
        {
            filter._matcher.AddInclude(anyDepth && !expanded.Contains('/', StringComparison.Ordinal) ? "**/" + expanded : expanded);
        }

        return filter;
    }

    /// <summary>The files whose path relative to the walk's start matches, in their original order.</summary>
    public IReadOnlyList<WalkedFile> Apply(string start, IReadOnlyList<WalkedFile> files)
    {
        var matched = _matcher.Match(start, files.Select(file => file.RelativePath))
            .Files.Select(match => match.Path)
            .ToHashSet(StringComparer.Ordinal);
        return files.Where(file => matched.Contains(file.RelativePath)).ToArray();
    }

    private static string Normalize(string pattern)
    {
        var trimmed = pattern.Trim().Replace('\\', '/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        return trimmed.TrimStart('/');
    }
}
