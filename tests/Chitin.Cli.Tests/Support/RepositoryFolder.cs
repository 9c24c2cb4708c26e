namespace Chitin.Cli.Tests.Support;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds Chitin.slnx.</summary>
public static class RepositoryFolder
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Chitin.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Chitin.slnx was not found above " + AppContext.BaseDirectory + "; run the tests from the repository.");
    }
}
