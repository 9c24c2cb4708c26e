namespace Chitin.Cli.Rendering;

/// <summary><c>chitin skills show --json</c>: the skill, its instructions, every finding and its version history.</summary>
public sealed record SkillShowOutput(SkillOutput Skill, string Body, IReadOnlyList<SkillFinding> Findings, IReadOnlyList<SkillVersionInfo> Versions);
