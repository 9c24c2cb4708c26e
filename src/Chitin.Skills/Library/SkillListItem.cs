namespace Chitin.Skills.Library;

/// <summary>One installed skill as <c>chitin skills list</c> shows it.</summary>
public sealed record SkillListItem
{
    public required string Name { get; init; }

    public required string Directory { get; init; }

    /// <summary>The folder or .zip it was installed from, or "session &lt;id&gt;" for a distilled skill.</summary>
    public required string Origin { get; init; }

    public SkillSourceKind Source { get; init; }

    public int Version { get; init; }

    public required string PinnedHash { get; init; }

    public bool Enabled { get; init; }

    public VetVerdict Verdict { get; init; }

    public bool WarningsApproved { get; init; }

    public string? DistilledFrom { get; init; }

    public InstalledSkillStatus Status { get; init; }

    /// <summary>Why the status is not <see cref="InstalledSkillStatus.Ready"/>, and what to do.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset InstalledAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Number of earlier versions kept.</summary>
    public int PreviousVersions { get; init; }
}
