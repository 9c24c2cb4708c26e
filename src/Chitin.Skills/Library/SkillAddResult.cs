namespace Chitin.Skills.Library;

/// <summary>
/// What <see cref="SkillLibrary.AddAsync"/> did. <see cref="Reason"/> says why anything other than
/// <see cref="SkillAddOutcome.Installed"/> happened and what to do; <see cref="Findings"/> holds spec and vetting findings.
/// </summary>
public sealed record SkillAddResult
{
    public required SkillAddOutcome Outcome { get; init; }

    /// <summary>The skill's name when SKILL.md could be read.</summary>
    public string? Name { get; init; }

    public string? Reason { get; init; }

    /// <summary>The vetting report when vetting ran.</summary>
    public VetReport? Report { get; init; }

    public IReadOnlyList<SkillFinding> Findings { get; init; } = [];

    /// <summary>The installed skill, when <see cref="Outcome"/> is <see cref="SkillAddOutcome.Installed"/>.</summary>
    public SkillListItem? Installed { get; init; }

    public bool Succeeded => Outcome == SkillAddOutcome.Installed;
}
