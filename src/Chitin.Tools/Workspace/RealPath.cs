namespace Chitin.Tools.Workspace;

/// <summary>
/// Resolves every symbolic link along an absolute path, like realpath(3), except that components which do not
/// exist yet are kept as they are (a file about to be created has no real path of its own).
/// </summary>
internal static class RealPath
{
    private const int MaxLinkHops = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <returns>The resolved path, or null when the links loop (more than 40 hops).</returns>
    public static string? Resolve(string absolutePath)
    {
        var current = Path.GetPathRoot(absolutePath) ?? Path.DirectorySeparatorChar.ToString();
        var pending = new Stack<string>();
        PushComponents(pending, absolutePath[current.Length..]);
        var missing = false;
        var hops = 0;

        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var candidate = Path.Join(current, part);
            if (missing)
            {
                current = candidate;
                continue;
            }

            var target = LinkTargetOf(candidate);
            if (target is null)
            {
                missing = !Path.Exists(candidate);
                current = candidate;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            PushComponents(pending, target);
        }

        return current;
    }

    private static string? LinkTargetOf(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void PushComponents(Stack<string> pending, string relative)
    {
        var parts = relative.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
