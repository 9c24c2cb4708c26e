namespace Chitin.Skills.Tools;

/// <summary>Path checks that follow symbolic links component by component, so no link inside a folder can lead out of it.</summary>
internal static class SkillPaths
{
    private const int MaxLinks = 40;

    private static readonly StringComparison Comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>The path with every symbolic link resolved (missing tails are kept as written), or null for a link loop.</summary>
    public static string? Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new LinkedList<string>(Split(full[root.Length..]));
        var current = root;
        var links = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var part = first.Value;
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
            string? target;
            try
            {
                target = new FileInfo(candidate).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                var targetRoot = Path.GetPathRoot(target) ?? "/";
                current = targetRoot;
                target = target[targetRoot.Length..];
            }

            foreach (var segment in Split(target).Reverse())
            {
                pending.AddFirst(segment);
            }
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or below it (both absolute).</summary>
    public static bool IsInside(string path, string directory)
    {
        var dir = Path.TrimEndingDirectorySeparator(directory);
        var candidate = Path.TrimEndingDirectorySeparator(path);
        return candidate.Equals(dir, Comparison)
               || (candidate.StartsWith(dir, Comparison) && candidate.Length > dir.Length && candidate[dir.Length] == Path.DirectorySeparatorChar)
               || dir == Path.DirectorySeparatorChar.ToString();
    }

    private static string[] Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
