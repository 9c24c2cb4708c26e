namespace Chitin.Skills.Library;

/// <summary>The whole lock file.</summary>
internal sealed record SkillLockDocument
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>Installed skills by name, in name order.</summary>
    public SortedDictionary<string, SkillLockEntry> Skills { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Names of skills the library did not install (project, shipped, hand-copied) that the user disabled.</summary>
    public SortedSet<string> DisabledOthers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Content hashes of skills the library did not install whose vetting warnings the user approved.</summary>
    public SortedSet<string> ApprovedOthers { get; init; } = new(StringComparer.Ordinal);
}
