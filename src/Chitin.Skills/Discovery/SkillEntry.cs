namespace Chitin.Skills.Discovery;

/// <summary>
/// One discovered skill folder. <see cref="StatusReason"/> says why a skill is not available, or notes such as "not vetted".
/// </summary>
public sealed record SkillEntry
{
    /// <summary>The folder name, as the document was parsed with (a valid skill's <c>name</c> equals it).</summary>
    public string Name => Document.FolderName;

    /// <summary>The skill folder, absolute.</summary>
    public required string Directory { get; init; }

    public required SkillOrigin Origin { get; init; }

    public required SkillDocument Document { get; init; }

    public SkillStatus Status { get; init; }

    public string? StatusReason { get; init; }

    /// <summary>The vetting report, or null when no vetter was configured.</summary>
    public VetReport? Vetting { get; init; }

    /// <summary>For a shadowed entry: the nearer entry of the same name that is used instead.</summary>
    public SkillEntry? ShadowedBy { get; init; }

    public string Description => Document.Manifest?.Description ?? "";

    public IReadOnlyList<string> AllowedTools => Document.Manifest?.AllowedTools ?? [];

    /// <summary>The vetted content hash, or null when the skill was not vetted.</summary>
    public string? ContentHash => Vetting?.ContentHash;

    /// <summary>True for the three workspace origins.</summary>
    public bool IsProjectSkill => Origin is SkillOrigin.Project or SkillOrigin.ProjectAgents or SkillOrigin.ProjectClaude;
}
