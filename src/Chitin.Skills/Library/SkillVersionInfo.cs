namespace Chitin.Skills.Library;

/// <summary>One earlier version of an installed skill, kept under <c>skill-versions/&lt;name&gt;/&lt;version&gt;/</c>.</summary>
public sealed record SkillVersionInfo(
    int Version,
    string ContentHash,
    string Origin,
    SkillSourceKind Source,
    string? DistilledFrom,
    DateTimeOffset InstalledAt,
    DateTimeOffset ArchivedAt);
