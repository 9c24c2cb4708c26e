namespace Chitin.Skills.Vetting;

/// <summary>
/// What is cached for one skill content: the findings that depend only on the content, and the name declared in
/// SKILL.md (with its line) so the look-alike name check, which depends on the folder name and the known names, can
/// run again without rescanning.
/// </summary>
public sealed record VetCacheEntry(string ContentHash, string RulesVersion, string? DeclaredName, int DeclaredNameLine, IReadOnlyList<SkillFinding> Findings);
