namespace Chitin.Skills.Library;

/// <summary>One installed skill as <c>chitin skills show</c> presents it.</summary>
public sealed record SkillDetails
{
    public required SkillListItem Skill { get; init; }

    /// <summary>The parsed SKILL.md, null when the folder is gone.</summary>
    public SkillDocument? Document { get; init; }

    /// <summary>Findings of the last vetting of this skill.</summary>
    public IReadOnlyList<SkillFinding> Findings { get; init; } = [];

    /// <summary>Earlier versions, oldest first; each lives in <see cref="SkillLibrary.VersionDirectory"/>.</summary>
    public IReadOnlyList<SkillVersionInfo> History { get; init; } = [];
}
