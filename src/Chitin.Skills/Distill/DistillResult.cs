namespace Chitin.Skills.Distill;

/// <summary>What <see cref="SkillDistiller.DistillAsync"/> did, with the reason when nothing was stored.</summary>
public sealed record DistillResult
{
    public required DistillOutcome Outcome { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The skill's name (for a new version: the existing skill's name).</summary>
    public string? Name { get; init; }

    /// <summary>1 for a new skill, 2, 3, … for a new version.</summary>
    public int? Version { get; init; }

    /// <summary>The installed draft's folder.</summary>
    public string? Directory { get; init; }

    /// <summary>Why nothing was stored, and what to do.</summary>
    public string? Reason { get; init; }

    /// <summary>The installed skill the draft was found to duplicate.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>Similarity (0..1) to <see cref="DuplicateOf"/>.</summary>
    public double? Similarity { get; init; }

    /// <summary>The rendered SKILL.md, also when it was not stored, so the user can read what was refused.</summary>
    public string? SkillMarkdown { get; init; }

    public VetReport? Report { get; init; }

    public IReadOnlyList<SkillFinding> Findings { get; init; } = [];

    /// <summary>The metered model call, when one was made.</summary>
    public UsageRecord? Usage { get; init; }

    public bool Stored => Outcome is DistillOutcome.Stored or DistillOutcome.NewVersion;
}
