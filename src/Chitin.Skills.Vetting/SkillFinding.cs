namespace Chitin.Skills.Vetting;

/// <summary>
/// One problem found in a skill: the file relative to the skill folder ("SKILL.md", "scripts/setup.sh"), the 1-based
/// line (0 when it concerns the whole file), the rule id ("spec.name-format", "exec.remote-pipe-to-shell"), severity,
/// a message that says what is wrong and what to do, and a short excerpt of the offending text (at most 120 chars, one line).
/// </summary>
public sealed record SkillFinding(string File, int Line, string Rule, FindingSeverity Severity, string Message, string Excerpt = "");
