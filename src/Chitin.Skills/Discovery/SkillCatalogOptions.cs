namespace Chitin.Skills.Discovery;

/// <summary>How discovery decides each skill's status.</summary>
public sealed record SkillCatalogOptions
{
    /// <summary>Vets every discovered folder (the vetter caches by content hash). Null: skills are not vetted and say so.</summary>
    public ISkillVetter? Vetter { get; init; }

    /// <summary>Names the user disabled (kept by the skill library).</summary>
    public IReadOnlySet<string> DisabledNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Content hashes whose vetting warnings the user approved; a changed skill has a new hash and needs approval again.</summary>
    public IReadOnlySet<string> ApprovedContentHashes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Policy "skills.allowWarned": skills whose vetting only warns are available without approval. Blocked ones never are.</summary>
    public bool ApproveAllWarnings { get; init; }

    /// <summary>
    /// The workspace is not trusted: its own skills (.chitin, .agents, .claude) whose vetting warns are not offered
    /// unless the user approved their content ('chitin skills enable'); neither "allowWarned" nor --yes approves them.
    /// </summary>
    public bool UntrustedWorkspace { get; init; }

    /// <summary>Names of well-known and installed skills, handed to the vetter for its look-alike rule.</summary>
    public IReadOnlyCollection<string> KnownSkillNames { get; init; } = [];

    /// <summary>What gating checks requirements against.</summary>
    public ISkillEnvironment Environment { get; init; } = ProcessSkillEnvironment.Instance;

    /// <summary>Most skill folders read from one location; the rest are ignored (a hostile repository cannot stall discovery).</summary>
    public int MaxSkillsPerLocation { get; init; } = 1_000;
}
