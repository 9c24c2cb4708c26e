namespace Chitin.Platform.Paths;

/// <summary>
/// Resolves the symbolic links along an absolute path, like realpath(3), keeping components that do not exist
/// (a file about to be written has no real path of its own). The one implementation: the permission check and
/// workspace confinement must agree about every path, including link loops.
/// </summary>
public static class RealPath
{
    /// <summary>The kernel's limit (MAXSYMLINKS) on links followed while resolving one path.</summary>
    public const int MaxLinkHops = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <returns>The resolved path, or null when the links loop (more than <see cref="MaxLinkHops"/> hops).</returns>
    public static string? Resolve(string absolutePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(absolutePath);
        if (OperatingSystem.IsLinux())
        {
            // Fast path: the path exists, or its nearest existing ancestor resolves and the first missing component
            // below it is not a dangling link (a file about to be written, often in a folder about to be made).
            if (Native(absolutePath) is { } resolved)
            {
                return resolved;
            }

            if (ResolveMissingTail(absolutePath, absolutePath) is { } withTail)
            {
                return withTail;
            }
        }

        return Walk(absolutePath);
    }

    /// <summary>
    /// The same answer as <see cref="Resolve"/>, tried parent first: for a path that is often about to be created
    /// (write_file) that saves the failed lookup of the path itself.
    /// </summary>
    public static string? ResolveForWrite(string absolutePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(absolutePath);
        var parent = Path.GetDirectoryName(absolutePath);
        var name = Path.GetFileName(absolutePath);
        if (!OperatingSystem.IsLinux() || parent is null || name.Length == 0 || name is "." or "..")
        {
            return Resolve(absolutePath);
        }

        if (Native(parent) is { } resolvedParent)
        {
            // Missing, or there and not a link: the parent's real path plus the name. A link is followed in full.
            return LinkTarget(absolutePath) is null ? Path.Join(resolvedParent, name) : Native(absolutePath) ?? Walk(absolutePath);
        }

        return ResolveMissingTail(absolutePath, parent) ?? Walk(absolutePath);
    }

    /// <summary>
    /// Climbs to the nearest ancestor that resolves and appends the missing components to its real path, or returns
    /// null when the first missing component is a (dangling) link, which the component walk must follow.
    /// </summary>
    /// <param name="missing">A path, <paramref name="absolutePath"/> or one of its ancestors, known not to resolve.</param>
    private static string? ResolveMissingTail(string absolutePath, string missing)
    {
        for (var depth = 0; depth < MaxLinkHops; depth++)
        {
            var parent = Path.GetDirectoryName(missing);
            var name = Path.GetFileName(missing);
            if (parent is null || name.Length == 0 || name is "." or "..")
            {
                return null;
            }

            if (Native(parent) is { } resolvedParent)
            {
                return LinkTarget(missing) is null && !Path.Exists(missing)
                    ? resolvedParent.TrimEnd('/') + absolutePath[parent.TrimEnd('/').Length..]
                    : null;
            }

            missing = parent;
        }

        return null;
    }

    /// <summary>Opens the path with O_PATH and asks /proc which file that is: three calls however deep the path.</summary>
    private static string? Native(string path)
    {
        var fd = LibC.Open(path, LibC.OpenPathFlags, 0);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            var target = new FileInfo("/proc/self/fd/" + fd.ToString(CultureInfo.InvariantCulture)).LinkTarget;
            return target is not null && target.StartsWith('/') && !target.EndsWith(" (deleted)", StringComparison.Ordinal) ? target : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    /// <summary>Component by component, for paths whose missing part may hide links.</summary>
    private static string? Walk(string absolutePath)
    {
        var current = Path.GetPathRoot(absolutePath) ?? Path.DirectorySeparatorChar.ToString();
        var pending = new Stack<string>();
        Push(pending, absolutePath[current.Length..]);
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
            var target = missing ? null : LinkTarget(candidate);
            if (target is null)
            {
                missing = missing || !Path.Exists(candidate);
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

            Push(pending, target);
        }

        return current;
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static string? LinkTarget(string path)
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
}
