namespace Chitin.Skills.Discovery;

/// <summary>
/// The skills found in the standard locations, one effective entry per name (the nearest origin wins) plus the
/// entries it shadows. Every entry, shadowed ones included, is parsed, vetted and given a status, so a blocked
/// folder is known even when a nearer skill of the same name hides it. Lists are in ordinal name order.
/// </summary>
public sealed class SkillCatalog
{
    private readonly Dictionary<string, SkillEntry> _byName;

    private SkillCatalog(SkillLocations locations, IReadOnlyList<SkillEntry> skills, IReadOnlyList<SkillEntry> shadowed)
    {
        Locations = locations;
        Skills = skills;
        Shadowed = shadowed;
        _byName = skills.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Available = skills.Where(s => s.Status == SkillStatus.Available).ToArray();
    }

    public static SkillCatalog Empty { get; } = new(new SkillLocations(null, null, null), [], []);

    public SkillLocations Locations { get; }

    /// <summary>The effective skill of each name, whatever its status.</summary>
    public IReadOnlyList<SkillEntry> Skills { get; }

    /// <summary>Skills hidden by a nearer one of the same name; <see cref="SkillEntry.ShadowedBy"/> says which.</summary>
    public IReadOnlyList<SkillEntry> Shadowed { get; }

    /// <summary>The effective skills whose status is <see cref="SkillStatus.Available"/>.</summary>
    public IReadOnlyList<SkillEntry> Available { get; }

    /// <summary>The workspace is not trusted: its own skills may not pre-approve tools through allowed-tools.</summary>
    public bool UntrustedWorkspace { get; private init; }

    /// <summary>Every discovered entry: effective and shadowed.</summary>
    public IEnumerable<SkillEntry> All => Skills.Concat(Shadowed);

    /// <summary>The effective skill with exactly this name, or null.</summary>
    public SkillEntry? Find(string name) => name is not null && _byName.TryGetValue(name, out var entry) ? entry : null;

    /// <summary>
    /// Discovers synchronously. Vetting is local file work; prefer <see cref="DiscoverAsync"/> on async paths.
    /// </summary>
    public static SkillCatalog Discover(SkillLocations locations, SkillCatalogOptions? options = null) =>
        DiscoverAsync(locations, options, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public static async ValueTask<SkillCatalog> DiscoverAsync(SkillLocations locations, SkillCatalogOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locations);
        options ??= new SkillCatalogOptions();
        var effective = new Dictionary<string, SkillEntry>(StringComparer.Ordinal);
        var shadowed = new List<SkillEntry>();
        var seenFolders = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (origin, root) in locations.Roots())
        {
            foreach (var directory in SkillFolders(root, options.MaxSkillsPerLocation))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!seenFolders.Add(RealPathOf(directory)))
                {
                    continue;
                }

                var entry = await DescribeAsync(origin, directory, options, cancellationToken).ConfigureAwait(false);
                if (effective.TryGetValue(entry.Name, out var winner))
                {
                    shadowed.Add(entry with { ShadowedBy = winner });
                }
                else
                {
                    effective.Add(entry.Name, entry);
                }
            }
        }

        var skills = effective.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        var hidden = shadowed.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Origin).ToArray();
        return new SkillCatalog(locations, skills, hidden) { UntrustedWorkspace = options.UntrustedWorkspace };
    }

    /// <summary>Immediate sub-folders of <paramref name="root"/> that hold a SKILL.md, in ordinal name order.</summary>
    private static IEnumerable<string> SkillFolders(string root, int limit)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var enumeration = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        try
        {
            return Directory.EnumerateDirectories(root, "*", enumeration)
                .Where(d => File.Exists(Path.Join(d, SkillDocument.FileName)) || Path.Exists(Path.Join(d, SkillDocument.FileName)))
                .Order(StringComparer.Ordinal)
                .Take(Math.Max(0, limit))
                .ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static async ValueTask<SkillEntry> DescribeAsync(SkillOrigin origin, string directory, SkillCatalogOptions options, CancellationToken cancellationToken)
    {
        var document = SkillDocument.Load(directory);
        var entry = new SkillEntry { Directory = directory, Origin = origin, Document = document };
        VetReport? report = null;
        string? vettingFailure = null;
        if (options.Vetter is not null)
        {
            try
            {
                report = await options.Vetter.VetAsync(directory, options.KnownSkillNames, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A vetter that fails must fail closed (the skill is blocked), never crash discovery.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                vettingFailure = $"could not be vetted ({ex.GetType().Name}: {ex.Message}); it is blocked until vetting succeeds";
            }
        }

        var (status, reason) = StatusOf(entry, report, vettingFailure, options);
        return entry with { Vetting = report, Status = status, StatusReason = reason };
    }

    private static (SkillStatus Status, string? Reason) StatusOf(SkillEntry entry, VetReport? report, string? vettingFailure, SkillCatalogOptions options)
    {
        if (vettingFailure is not null)
        {
            return (SkillStatus.Blocked, vettingFailure);
        }

        if (report?.Verdict == VetVerdict.Block)
        {
            return (SkillStatus.Blocked, $"blocked by vetting: {Summarize(report.Findings, FindingSeverity.Block)}; review it with 'chitin skills vet {entry.Directory}'");
        }

        if (!entry.Document.IsValid)
        {
            var problem = entry.Document.Findings.FirstOrDefault(f => f.Severity == FindingSeverity.Block);
            return (SkillStatus.Invalid, problem is null
                ? "SKILL.md has no usable front matter"
                : $"{problem.File}{(problem.Line > 0 ? $" line {problem.Line}" : "")}: {problem.Message}");
        }

        var manifestName = entry.Document.Manifest!.Name;
        if (options.DisabledNames.Contains(entry.Name) || options.DisabledNames.Contains(manifestName))
        {
            return (SkillStatus.Disabled, $"disabled; turn it on with 'chitin skills enable {entry.Name}'");
        }

        var warningsApproved = false;
        if (report?.Verdict == VetVerdict.Warn)
        {
            var untrustedProjectSkill = options.UntrustedWorkspace && entry.Origin is SkillOrigin.Project or SkillOrigin.ProjectAgents or SkillOrigin.ProjectClaude;
            warningsApproved = (options.ApproveAllWarnings && !untrustedProjectSkill) || options.ApprovedContentHashes.Contains(report.ContentHash);
            if (!warningsApproved && untrustedProjectSkill)
            {
                return (SkillStatus.Hidden, $"vetting warns ({Summarize(report.Findings, FindingSeverity.Warning)}) and this folder is not trusted; " +
                    $"review it with 'chitin skills vet {entry.Directory}', then run 'chitin trust' or approve it with 'chitin skills enable {entry.Name}'");
            }

            if (!warningsApproved)
            {
                return (SkillStatus.NeedsApproval, $"vetting warns: {Summarize(report.Findings, FindingSeverity.Warning)}; review with 'chitin skills vet {entry.Directory}', then approve with 'chitin skills enable {entry.Name}'");
            }
        }

        var unmet = SkillGate.Check(SkillRequirements.From(entry.Document.Manifest), options.Environment);
        if (unmet is not null)
        {
            return (SkillStatus.Hidden, unmet);
        }

        return (SkillStatus.Available, report is null ? "not vetted" : warningsApproved ? "vetting warnings approved" : null);
    }

    /// <summary>Rule ids with file and line, never excerpts: the text of a blocked skill must not travel anywhere.</summary>
    private static string Summarize(IReadOnlyList<SkillFinding> findings, FindingSeverity severity)
    {
        var selected = findings.Where(f => f.Severity == severity).ToArray();
        var shown = selected.Take(3).Select(f => f.Line > 0 ? $"{f.Rule} ({f.File}:{f.Line})" : $"{f.Rule} ({f.File})");
        var text = string.Join(", ", shown);
        return selected.Length > 3 ? $"{text} and {selected.Length - 3} more" : text.Length > 0 ? text : "no details";
    }

    private static string RealPathOf(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(directory);
        }
        catch (IOException)
        {
            return Path.GetFullPath(directory);
        }
    }
}
