namespace Chitin.Skills.Permissions;

/// <summary>
/// Keeps a blocked skill's files away from the model through the ordinary tools: read_file, edit_file and list_dir
/// of a path inside a blocked skill folder, glob below one, and grep of a folder that is or contains one are denied;
/// so is a run_shell command that names a blocked folder (best effort; the sandbox is the hard boundary).
/// Paths are compared as written and with symbolic links resolved.
/// </summary>
internal static class BlockedSkillGuard
{
    /// <returns>Why the call is denied, or null.</returns>
    public static string? Check(ToolApprovalRequest request, SkillCatalog catalog)
    {
        var blocked = catalog.All.Where(s => s.Status == SkillStatus.Blocked).ToArray();
        if (blocked.Length == 0)
        {
            return null;
        }

        var subject = request.Tool.Subject;
        var workspace = Path.GetFullPath(request.Context.Workspace);
        if (subject.Kind == ToolSubjectKind.Command)
        {
            return subject.ValueIn(request.Arguments) is { } command ? CheckCommand(command, blocked, workspace) : null;
        }

        if (!subject.IsPath)
        {
            return null;
        }

        var path = subject.ValueIn(request.Arguments) ?? ".";
        if (path.Contains('\0', StringComparison.Ordinal) || path.StartsWith('~'))
        {
            return null;
        }

        var lexical = Path.GetFullPath(path, workspace);
        var real = RealPath.Resolve(Path.GetFullPath(lexical)) ?? lexical;
        foreach (var skill in blocked)
        {
            var folders = Folders(skill);
            if (folders.Any(f => PathContainment.IsInside(lexical, f) || PathContainment.IsInside(real, f)))
            {
                return $"'{path}' is inside skill '{skill.Name}', which local vetting blocked; its files must not be read or used. " +
                       $"Tell the user (they can review it with 'chitin skills vet {skill.Directory}' or remove it) and continue without it.";
            }

            if (subject.ReadsContentsBelow && folders.Any(f => PathContainment.IsInside(f, lexical) || PathContainment.IsInside(f, real)))
            {
                return $"Searching '{path}' would read skill '{skill.Name}' at '{Shown(skill.Directory, workspace)}', which local vetting blocked. " +
                       "Search a narrower path that leaves it out, or ask the user to remove that skill.";
            }
        }

        return null;
    }

    private static string? CheckCommand(string command, SkillEntry[] blocked, string workspace)
    {
        foreach (var skill in blocked)
        {
            var names = Folders(skill).Append(Shown(skill.Directory, workspace)).Distinct(StringComparer.Ordinal);
            if (names.Any(n => n.Length > 1 && command.Contains(n, StringComparison.Ordinal)))
            {
                return $"The command uses the folder of skill '{skill.Name}', which local vetting blocked; its files must not be read or run. " +
                       "Tell the user and continue without it.";
            }
        }

        return null;
    }

    private static string[] Folders(SkillEntry skill)
    {
        var lexical = Path.GetFullPath(skill.Directory);
        var real = RealPath.Resolve(Path.GetFullPath(lexical)) ?? lexical;
        return lexical == real ? [lexical] : [lexical, real];
    }

    private static string Shown(string directory, string workspace) =>
        PathContainment.IsInside(directory, workspace) ? Path.GetRelativePath(workspace, directory) : directory;
}
