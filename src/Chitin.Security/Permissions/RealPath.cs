using System.Globalization;
using Chitin.Security.Processes;

namespace Chitin.Security.Permissions;

/// <summary>
/// Resolves the symbolic links along an absolute path, like realpath(3), keeping components that do not exist
/// (a file about to be written). A rule on ~/.ssh must also catch a workspace link that points there.
/// </summary>
public static class RealPath
{
    private const int MaxLinkHops = 40;

    /// <returns>The resolved path; the lexical path itself when the links loop.</returns>
    public static string Resolve(string absolutePath)
    {
        if (OperatingSystem.IsLinux())
        {
            // Fast path: the path exists, or only its last component is missing and is not a dangling link.
            var resolved = Native(absolutePath);
            if (resolved is not null)
            {
                return resolved;
            }

            var parent = Path.GetDirectoryName(absolutePath);
            var name = Path.GetFileName(absolutePath);
            if (parent is not null && name.Length > 0 && name != ".." && LinkTarget(absolutePath) is null && Native(parent) is { } resolvedParent)
            {
                return Path.Join(resolvedParent, name);
            }
        }

        return Walk(absolutePath);
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
    private static string Walk(string absolutePath)
    {
        var current = "/";
        var pending = new Stack<string>();
        Push(pending, absolutePath);
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
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var candidate = Path.Join(current, part);
            var target = LinkTarget(candidate);
            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return absolutePath;
            }

            if (Path.IsPathRooted(target))
            {
                current = "/";
            }

            Push(pending, target);
        }

        return current;
    }

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
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
