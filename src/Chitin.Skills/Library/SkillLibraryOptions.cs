namespace Chitin.Skills.Library;

/// <summary>
/// Where the library keeps installed skills, their pins and their history, and the limits that protect an install
/// from hostile folders and archives. <see cref="ForHome"/> gives the standard layout under <c>$CHITIN_HOME</c>.
/// </summary>
public sealed record SkillLibraryOptions
{
    /// <summary>The Chitin home, absolute: every folder and the lock file below are fixed names under it.</summary>
    public required string Home { get; init; }

    /// <summary>The user skills folder: one sub-folder per installed skill, named after the skill.</summary>
    public string SkillsDirectory => Path.Combine(Home, "skills");

    /// <summary>The JSON lock file with pins, verdicts, enabled flags and version history.</summary>
    public string LockFilePath => Path.Combine(Home, "skills.lock.json");

    /// <summary>
    /// Previous versions, as <c>&lt;name&gt;/&lt;n&gt;/</c>. Kept outside <see cref="SkillsDirectory"/> so discovery,
    /// content hashes and vetting of the current version never see old files.
    /// </summary>
    public string VersionsDirectory => Path.Combine(Home, "skill-versions");

    /// <summary>Scratch space for copies and extractions before they are validated; on the same volume as the skills folder so installs are a rename.</summary>
    public string StagingDirectory => Path.Combine(Home, "skill-staging");

    /// <summary>Names of well-known skills for the vetter's look-alike name rule (installed names are added automatically).</summary>
    public IReadOnlyCollection<string> KnownSkillNames { get; init; } = [];

    /// <summary>Largest .zip accepted, in bytes.</summary>
    public long MaxArchiveBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Largest single file, in bytes, in a folder or archive.</summary>
    public long MaxFileBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Largest total size of a skill, in bytes.</summary>
    public long MaxTotalBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most files and folders in one skill.</summary>
    public int MaxEntries { get; init; } = 2_000;

    /// <summary>
    /// Highest uncompressed/compressed ratio of one archive entry larger than <see cref="CompressionRatioFloorBytes"/>.
    /// Text compresses 3–10×; a zip bomb compresses hundreds of times or more.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Entries smaller than this are never refused for their compression ratio.</summary>
    public long CompressionRatioFloorBytes { get; init; } = 1024 * 1024;

    /// <summary>The standard layout: <c>skills/</c>, <c>skills.lock.json</c>, <c>skill-versions/</c> and <c>skill-staging/</c> under <paramref name="chitinHome"/>.</summary>
    public static SkillLibraryOptions ForHome(string chitinHome)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chitinHome);
        return new SkillLibraryOptions { Home = Path.GetFullPath(chitinHome) };
    }
}
