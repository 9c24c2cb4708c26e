namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// What the vetter needs from SKILL.md's front matter: the declared name and description with their 1-based lines,
/// and the line the body starts on. Spec validation is not done here; YAML that does not parse yields nulls and
/// <see cref="Unreadable"/> (the spec validator reports it).
/// </summary>
internal sealed record SkillFrontMatter(string? Name, int NameLine, string? Description, int DescriptionLine, int BodyStartLine, bool Unreadable = false);
