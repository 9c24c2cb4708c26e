namespace Chitin.Skills.Library;

/// <summary>A snapshot of the lock file for discovery: which names are disabled and what each installed skill is pinned to.</summary>
public sealed record SkillLibraryState
{
    /// <summary>
    /// Skills that must not reach the model: installed ones that are disabled, drafts, or blocked on re-vetting, plus
    /// project, shipped or hand-copied skills the user disabled by name.
    /// </summary>
    public required IReadOnlySet<string> DisabledNames { get; init; }

    /// <summary>
    /// Pinned hashes of enabled installed skills whose warnings the user approved (for
    /// <c>SkillCatalogOptions.ApprovedContentHashes</c>); a changed skill has another hash and needs approval again.
    /// </summary>
    public required IReadOnlySet<string> ApprovedContentHashes { get; init; }

    /// <summary>Pins of installed skills by name.</summary>
    public required IReadOnlyDictionary<string, SkillPin> Pins { get; init; }
}
