namespace Chitin.Bench;

/// <summary>The checkout the benchmark runs from: the folder above its binaries that holds Chitin.slnx.</summary>
internal static class RepositoryFolder
{
    /// <summary>The checkout's root, or null when the benchmark runs from outside one.</summary>
    public static string? Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Chitin.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }

    public static string Root() =>
        Find() ?? throw new DirectoryNotFoundException("Run the benchmark from the repository (Chitin.slnx not found above " + AppContext.BaseDirectory + ").");
}
