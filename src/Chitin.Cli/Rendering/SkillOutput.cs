namespace Chitin.Cli.Rendering;

/// <summary>One discovered skill as <c>chitin skills list|show --json</c> prints it.</summary>
public sealed record SkillOutput(
    string Name,
    string Description,
    string Origin,
    string Directory,
    string Status,
    string? Reason,
    string? Verdict,
    string? ContentHash,
    IReadOnlyList<string> AllowedTools,
    string? ShadowedBy,
    int? Version)
{
    public static SkillOutput From(SkillEntry entry, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(
            entry.Name,
            entry.Description,
            OriginName(entry.Origin),
            entry.Directory,
            entry.Status.ToString().ToLowerInvariant() switch { "needsapproval" => "needs_approval", var other => other },
            entry.StatusReason,
            entry.Vetting?.Verdict.ToString().ToLowerInvariant(),
            entry.ContentHash,
            entry.AllowedTools,
            entry.ShadowedBy?.Directory,
            version);
    }

    public static string OriginName(SkillOrigin origin) => origin switch
    {
        SkillOrigin.Project => "project (.chitin/skills)",
        SkillOrigin.ProjectAgents => "project (.agents/skills)",
        SkillOrigin.ProjectClaude => "project (.claude/skills)",
        SkillOrigin.User => "user",
        _ => "built-in",
    };
}
