namespace Chitin.Platform.Paths;

/// <summary>Finds the git work tree a path belongs to, by the <c>.git</c> folder (or file, for worktrees and submodules).</summary>
public static class GitRepository
{
    /// <summary>The nearest folder at or above <paramref name="folder"/> that holds <c>.git</c>; null outside any repository.</summary>
    public static string? RootOf(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        for (var directory = folder; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Path.Exists(Path.Join(directory, ".git")))
            {
                return directory;
            }
        }

        return null;
    }
}
