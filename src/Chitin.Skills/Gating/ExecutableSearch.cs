namespace Chitin.Skills.Gating;

/// <summary>Finds an executable in the directories of a PATH value, as a shell would (Windows also tries PATHEXT).</summary>
internal static class ExecutableSearch
{
    public static string? Find(string name, string? path, string? pathExt, bool windows)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || string.IsNullOrEmpty(path))
        {
            return null;
        }

        var extensions = windows
            ? new[] { "" }.Concat((pathExt ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()
            : [""];
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathFullyQualified(directory))
            {
                // A relative PATH entry depends on the current directory; a skill's gate must not.
                continue;
            }

            foreach (var extension in extensions)
            {
                var candidate = Path.Join(directory, name + extension);
                if (IsExecutableFile(candidate, windows))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string candidate, bool windows)
    {
        try
        {
            var info = new FileInfo(candidate);
            if (!info.Exists)
            {
                return false;
            }

            if (windows || OperatingSystem.IsWindows())
            {
                return true;
            }

            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return (info.UnixFileMode & anyExecute) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
