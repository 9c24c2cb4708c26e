namespace Chitin.Skills.Vetting;

/// <summary>
/// The SHA-256 content hash of a skill folder: every file and link, in ordinal order of its '/'-separated relative
/// path, hashed as its path, its length and its bytes (a link as its target, never followed). Deterministic across
/// machines and independent of timestamps and of where the folder lives.
/// </summary>
public static class SkillContentHash
{
    /// <returns>64 lower-case hex characters.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static string Compute(string skillDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skillDirectory);
        return SkillFolderReader.Read(skillDirectory, maxFileBytes: 0, maxFiles: int.MaxValue, maxTotalBytes: 0, CancellationToken.None).ContentHash;
    }
}
