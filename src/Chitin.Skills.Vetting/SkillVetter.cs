namespace Chitin.Skills.Vetting;

/// <summary>
/// Vets a skill folder locally with static rules over every file: remote code piped to a shell, decode-and-execute,
/// reverse shells, persistence, credential reads, environment dumps, destructive commands, obfuscation, prompt
/// injection, bundled executables and archives, look-alike names, and quality lint. Links are reported, never followed.
/// Findings that depend only on the content are cached by content hash and rules version when a cache is configured.
/// </summary>
public sealed class SkillVetter : ISkillVetter
{
    /// <summary>Changes whenever rules change, so cached verdicts from older rules are not reused.</summary>
    public const string RulesVersion = "chitin-vet-2026.1";

    private readonly SkillVetterOptions options;
    private readonly VetRule[] rules;

    public SkillVetter(SkillVetterOptions? options = null)
    {
        this.options = options ?? new SkillVetterOptions();
        if (this.options.MaxFileBytes <= 0 || this.options.MaxFiles <= 0 || this.options.MaxTotalBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxFileBytes, MaxFiles and MaxTotalBytes must be positive.");
        }

        rules = CreateRules(this.options);
        CacheVersion = string.Create(CultureInfo.InvariantCulture, $"{RulesVersion};file={this.options.MaxFileBytes};files={this.options.MaxFiles};total={this.options.MaxTotalBytes}");
    }

    /// <summary>The cache key part besides the content hash: the rules version and the limits the findings depend on.</summary>
    public string CacheVersion { get; }

    /// <summary>Every rule the vetter applies, for documentation and <c>--rules</c> listings.</summary>
    public static IReadOnlyList<VetRuleInfo> Rules { get; } =
        [.. CreateRules(new SkillVetterOptions()).Select(r => new VetRuleInfo(r.Id, r.Severity, r.Description)),
            new VetRuleInfo(LookalikeNameRule.Id, FindingSeverity.Block, "Names one edit or one look-alike letter away from well-known or installed skills.")];

    public async ValueTask<VetReport> VetAsync(string skillDirectory, IReadOnlyCollection<string> knownSkillNames, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skillDirectory);
        ArgumentNullException.ThrowIfNull(knownSkillNames);
        var directory = Path.GetFullPath(skillDirectory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Skill folder '{skillDirectory}' does not exist; pass the folder that holds SKILL.md.");
        }

        var snapshot = SkillFolderReader.Read(directory, options.MaxFileBytes, options.MaxFiles, options.MaxTotalBytes, cancellationToken);
        var entry = options.Cache is null ? null : await options.Cache.TryGetAsync(snapshot.ContentHash, CacheVersion, cancellationToken);
        if (entry is null)
        {
            entry = Scan(snapshot, cancellationToken);
            if (options.Cache is not null)
            {
                await StoreQuietlyAsync(options.Cache, entry, cancellationToken);
            }
        }

        var sink = new FindingSink();
        foreach (var finding in entry.Findings)
        {
            sink.Add(finding);
        }

        var folderName = Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        LookalikeNameRule.Check(folderName, entry.DeclaredName, entry.DeclaredNameLine, options.WellKnownSkillNames.Concat(knownSkillNames), sink);
        var findings = sink.ToSortedList();
        return new VetReport(VetReport.VerdictOf(findings), snapshot.ContentHash, findings);
    }

    private VetCacheEntry Scan(SkillFolderSnapshot snapshot, CancellationToken cancellationToken)
    {
        var scan = SkillScanBuilder.Build(snapshot, options.MaxFileBytes, options.MaxFiles, options.MaxTotalBytes);
        var sink = new FindingSink();
        foreach (var finding in scan.ReadFindings)
        {
            sink.Add(finding);
        }

        foreach (var rule in rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rule.Check(scan, sink);
        }

        return new VetCacheEntry(snapshot.ContentHash, CacheVersion, scan.FrontMatter.Name, scan.FrontMatter.NameLine, sink.ToSortedList());
    }

    private static async ValueTask StoreQuietlyAsync(IVetCache cache, VetCacheEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await cache.StoreAsync(entry, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs a rescan next time; the verdict itself is complete.
        }
    }

    private static VetRule[] CreateRules(SkillVetterOptions options) =>
    [
        new FolderLimitsRule(options.MaxFileBytes, options.MaxFiles, options.MaxTotalBytes),
        new BundledBinaryRule(),
        .. CreateContentRules(),
        new DescriptionQualityRule(),
        new WhenToUseRule(),
        new OversizedBodyRule(),
    ];

    /// <summary>The rules that judge text itself, whatever it belongs to; <see cref="ContentVetter"/> applies them to any content.</summary>
    internal static VetRule[] CreateContentRules() =>
    [
        new RemotePipeToShellRule(),
        new DownloadThenExecuteRule(),
        new DecodeAndExecuteRule(),
        new FakePrerequisiteRule(),
        new GatekeeperBypassRule(),
        new ReverseShellRule(),
        new PersistenceRule(),
        new AgentMemoryRule(),
        new CredentialAccessRule(),
        new SecretsExfiltrationRule(),
        new EnvironmentDumpRule(),
        new SuspiciousEndpointRule(),
        new DestructiveCommandRule(),
        new EncodedBlobRule(),
        new EscapedStringRule(),
        new InvisibleUnicodeRule(),
        new MixedScriptRule(),
        new InstructionOverrideRule(),
        new ConcealmentRule(),
        new ActWithoutConsentRule(),
        new HiddenInstructionsRule(),
        new ChatTemplateTokenRule(),
        new DisableSafetyRule(),
    ];
}
