namespace Chitin.Skills.Format;

/// <summary>
/// The front matter of a SKILL.md as the Agent Skills specification defines it. <see cref="Metadata"/> is a flat
/// string-to-string map (the spec's shape; values that are lists or maps are reported and left out), sorted by key
/// (ordinal) so it enumerates the same way every time. <see cref="AllowedTools"/> holds the entries of
/// <c>allowed-tools</c> in the order written, e.g. <c>Bash(git:*)</c>, <c>Read</c>.
/// </summary>
public sealed record SkillManifest(
    string Name,
    string Description,
    string? License,
    string? Compatibility,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> AllowedTools);
