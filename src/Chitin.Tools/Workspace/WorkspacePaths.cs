namespace Chitin.Tools.Workspace;

/// <summary>
/// Confines file tools to the workspace and the allowed directories. Relative paths resolve against the workspace;
/// '..' escapes, symbolic links leading outside, system pseudo-filesystems (/proc, /sys, /dev) and special files
/// (FIFOs, devices, sockets) are refused with a message that names the path, the reason and what is allowed.
/// </summary>
public sealed class WorkspacePaths
{
    private static readonly string[] PseudoFileSystems = ["/proc", "/sys", "/dev"];

    private readonly Root[] _roots;
    private readonly string _allowedSummary;

    public WorkspacePaths(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Workspace = Path.GetFullPath(context.Workspace);
        _roots = context.AllowedDirectories
            .Where(directory => !string.IsNullOrWhiteSpace(directory))
            .Select(directory => Path.GetFullPath(directory, Workspace))
            .Prepend(Workspace)
            .Distinct(StringComparer.FromComparison(PathContainment.Comparison))
            .Select(lexical => new Root(lexical, RealPath.Resolve(lexical) ?? lexical))
            .ToArray();
        _allowedSummary = _roots.Length == 1
            ? $"File tools may only use the workspace '{Workspace}'; use a path relative to it."
            : $"File tools may only use the workspace '{Workspace}' and the allowed directories "
              + string.Join(", ", _roots.Skip(1).Select(root => $"'{root.Lexical}'")) + "; use a path relative to the workspace.";
    }

    /// <summary>The workspace as an absolute path.</summary>
    public string Workspace { get; }

    public bool TryResolve(string requested, [NotNullWhen(true)] out ResolvedPath? resolved, [NotNullWhen(false)] out string? error)
    {
        resolved = null;
        error = CheckSyntax(requested);
        if (error is not null)
        {
            return false;
        }

        var full = Path.GetFullPath(requested, Workspace);
        var real = RealPath.Resolve(full);
        if (real is null)
        {
            error = $"'{requested}' cannot be resolved: too many levels of symbolic links (a link loop?).";
            return false;
        }

        error = CheckLocation(requested, full, real);
        if (error is not null)
        {
            return false;
        }

        var type = FileTypeProbe.Probe(real);
        error = CheckType(requested, type);
        if (error is not null)
        {
            return false;
        }

        var display = PathContainment.IsInside(full, Workspace) ? Path.GetRelativePath(Workspace, full) : full;
        resolved = new ResolvedPath(display, real, type != FileType.Missing, type == FileType.Directory);
        return true;
    }

    /// <summary>
    /// <see cref="TryResolve"/> for a path that must name a file (existing or not): a directory is refused with
    /// "'path' is a directory; " and <paramref name="directoryAdvice"/>.
    /// </summary>
    public bool TryResolveFile(
        string requested,
        string directoryAdvice,
        [NotNullWhen(true)] out ResolvedPath? file,
        [NotNullWhen(false)] out string? error)
    {
        if (!TryResolve(requested, out file, out error))
        {
            return false;
        }

        if (file.IsDirectory)
        {
            error = $"'{file.DisplayPath}' is a directory; {directoryAdvice}";
            file = null;
            return false;
        }

        return true;
    }

    /// <summary>Turns an absolute path inside the workspace into the relative form the model uses.</summary>
    public string Display(string fullPath) =>
        PathContainment.IsInside(fullPath, Workspace) ? Path.GetRelativePath(Workspace, fullPath) : fullPath;

    private static string? CheckSyntax(string requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return "The path is empty; give a file path relative to the workspace.";
        }

        if (requested.Contains('\0', StringComparison.Ordinal))
        {
            return "The path contains a NUL character.";
        }

        if (requested.StartsWith('~'))
        {
            return $"'{requested}': '~' is not expanded by file tools; use a path relative to the workspace or an absolute path.";
        }

        return null;
    }

    private string? CheckLocation(string requested, string full, string real)
    {
        foreach (var pseudo in PseudoFileSystems)
        {
            if (!OperatingSystem.IsWindows() && (PathContainment.IsInside(full, pseudo) || PathContainment.IsInside(real, pseudo)))
            {
                return $"'{requested}' is in {pseudo}, a system pseudo-filesystem; file tools never open it. "
                       + "Use run_shell to inspect system state.";
            }
        }

        if (_roots.Any(root => PathContainment.IsInside(real, root.Real)))
        {
            return null;
        }

        if (_roots.Any(root => PathContainment.IsInside(full, root.Lexical) || PathContainment.IsInside(full, root.Real)))
        {
            return $"'{requested}' leads through a symbolic link to '{real}', which is outside the workspace. {_allowedSummary}";
        }

        if (!Path.IsPathRooted(requested) || HasParentSegment(requested))
        {
            return $"'{requested}' escapes the workspace via '..' (it resolves to '{full}'). {_allowedSummary}";
        }

        return $"'{requested}' is outside the workspace. {_allowedSummary}";
    }

    private static string? CheckType(string requested, FileType type) => type switch
    {
        FileType.Fifo => $"'{requested}' is a FIFO (named pipe); file tools only use regular files and directories.",
        FileType.CharacterDevice or FileType.BlockDevice =>
            $"'{requested}' is a device file; file tools only use regular files and directories.",
        FileType.Socket => $"'{requested}' is a socket; file tools only use regular files and directories.",
        FileType.Unknown => $"'{requested}' cannot be inspected (permission denied or an unusual file type).",
        _ => null,
    };

    private static bool HasParentSegment(string path) =>
        path.Split(['/', '\\']).Any(segment => segment == "..");

    private sealed record Root(string Lexical, string Real);
}
