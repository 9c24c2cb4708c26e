namespace Chitin.Security.Permissions;

/// <summary>Turns a path as a tool or a rule wrote it into a normalised absolute path.</summary>
internal static class PathExpansion
{
    /// <summary>
    /// <c>~</c> and <c>~/x</c> become the home folder, relative paths are taken from <paramref name="baseDirectory"/>,
    /// and <c>.</c>/<c>..</c> are folded away, so <c>../../home/u/.ssh/id_rsa</c> compares as what it reaches.
    /// </summary>
    public static string ToAbsolute(string path, string baseDirectory, string home)
    {
        string combined;
        if (path == "~")
        {
            combined = home;
        }
        else if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            combined = Path.Join(home, path.AsSpan(2));
        }
        else if (Path.IsPathRooted(path))
        {
            combined = path;
        }
        else
        {
            combined = Path.Join(baseDirectory, path);
        }

        var full = Path.GetFullPath(combined);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
