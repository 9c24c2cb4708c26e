namespace Chitin.Cli.Rendering;

/// <summary><c>chitin skills list --json</c>: the effective skills, and those a nearer one of the same name shadows.</summary>
public sealed record SkillListOutput(IReadOnlyList<SkillOutput> Skills, IReadOnlyList<SkillOutput> Shadowed);
