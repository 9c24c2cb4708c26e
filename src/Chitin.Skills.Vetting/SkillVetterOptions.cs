namespace Chitin.Skills.Vetting;

/// <summary>Limits and inputs of <see cref="SkillVetter"/>.</summary>
public sealed record SkillVetterOptions
{
    /// <summary>Bytes of each file that are scanned; a larger file is scanned up to here and reported. Default 1 MiB.</summary>
    public long MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>Files scanned per skill; a skill with more is blocked because it could not be vetted completely. Default 1,000.</summary>
    public int MaxFiles { get; init; } = 1_000;

    /// <summary>Bytes scanned per skill across all files; a skill with more is blocked. Default 32 MiB.</summary>
    public long MaxTotalBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Names the look-alike rule protects, in addition to the names passed to each vet call. Default <see cref="WellKnownSkills.Names"/>.</summary>
    public IReadOnlyCollection<string> WellKnownSkillNames { get; init; } = WellKnownSkills.Names;

    /// <summary>Where verdicts are cached by content hash; null vets every time.</summary>
    public IVetCache? Cache { get; init; }
}
