namespace Chitin.Platform.Paths;

/// <summary>
/// The one answer to "is this path the folder or below it", shared by workspace confinement, the permission check and
/// the skill guards so they cannot disagree. Both paths are absolute and already normalised (and resolved, where links
/// matter); this compares text only.
/// </summary>
public static class PathContainment
{
    /// <summary>How paths compare on this system: ordinal on Linux, ignoring case elsewhere.</summary>
    public static StringComparison Comparison { get; } =
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it.</summary>
    public static bool IsInside(string path, string directory)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(directory);
        var folder = Path.TrimEndingDirectorySeparator(directory);
        var candidate = Path.TrimEndingDirectorySeparator(path);
        if (folder.Length == 0 || !candidate.StartsWith(folder, Comparison))
        {
            return false;
        }

        return candidate.Length == folder.Length
               || IsSeparator(folder[^1])
               || IsSeparator(candidate[folder.Length]);
    }

    private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;
}
