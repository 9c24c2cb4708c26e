namespace Chitin.Skills.Library;

/// <summary>The lock file's record of one installed skill: its pin, verdict, state and history.</summary>
internal sealed record SkillLockEntry
{
    public required string Name { get; init; }

    public required string Origin { get; init; }

    public SkillSourceKind Source { get; init; }

    /// <summary>1 for the first install; each replacement or distilled revision adds one.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The content hash the verdict and the user's approval belong to.</summary>
    public required string ContentHash { get; init; }

    public bool Enabled { get; init; }

    public VetVerdict Verdict { get; init; }

    /// <summary>The user approved the warnings of the pinned content.</summary>
    public bool WarningsApproved { get; init; }

    /// <summary>Distilled and not yet enabled by the user.</summary>
    public bool Draft { get; init; }

    public string? DistilledFrom { get; init; }

    /// <summary>Why the skill is disabled, in words for <c>chitin skills list</c>.</summary>
    public string? DisabledReason { get; init; }

    public DateTimeOffset InstalledAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public List<SkillFinding> Findings { get; init; } = [];

    /// <summary>Earlier versions, oldest first.</summary>
    public List<SkillVersionInfo> History { get; init; } = [];
}
