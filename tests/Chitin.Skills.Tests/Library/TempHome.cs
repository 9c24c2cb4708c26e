using Chitin.Skills.Library;

namespace Chitin.Skills.Tests.Library;

/// <summary>A private $CHITIN_HOME and a folder for skill sources, deleted on dispose.</summary>
public sealed class TempHome : IDisposable
{
    public TempHome()
    {
        Root = Directory.CreateTempSubdirectory("chitin-skills-lib-").FullName;
        Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        Sources = Directory.CreateDirectory(Path.Combine(Root, "sources")).FullName;
        Options = SkillLibraryOptions.ForHome(Home);
    }

    public string Root { get; }

    public string Home { get; }

    public string Sources { get; }

    public SkillLibraryOptions Options { get; }

    /// <summary>Folders under the user skills folder (installed skills).</summary>
    public IReadOnlyList<string> InstalledFolders() =>
        Directory.Exists(Options.SkillsDirectory) ? Directory.GetDirectories(Options.SkillsDirectory).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Everything left in the staging folder (should be nothing between operations).</summary>
    public IReadOnlyList<string> StagingLeftovers() =>
        Directory.Exists(Options.StagingDirectory) ? Directory.GetFileSystemEntries(Options.StagingDirectory) : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
