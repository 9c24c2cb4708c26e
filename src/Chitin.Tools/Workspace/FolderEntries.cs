namespace Chitin.Tools.Workspace;

/// <summary>One folder's entries as the listing and search tools see them: hidden and system entries included, unreadable ones skipped, sorted by ordinal name.</summary>
internal static class FolderEntries
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <exception cref="IOException">The folder cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be read.</exception>
    public static FileSystemInfo[] Sorted(DirectoryInfo directory) =>
        directory.EnumerateFileSystemInfos("*", OneLevel).OrderBy(entry => entry.Name, StringComparer.Ordinal).ToArray();
}
