namespace Chitin.Hosting;

/// <summary>
/// Skills for agent runs: discovery (once per process, vetted, honouring the library's enable/disable state), the
/// index layer of the system prompt, the skill tools, skill-scoped pre-approval and load figures for <c>chitin skills stats</c>.
/// </summary>
public sealed class SkillServices : IDisposable
{
    private readonly ChitinConfig _config;
    private readonly Lazy<SkillCatalog> _catalog;
    private readonly Lazy<SkillUsageLog?> _usage;
    private readonly Action<string> _warn;
    private readonly TimeProvider _time;

    public SkillServices(ChitinConfig config, string workspace, ITokenCounter counter, Action<string> warn, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _config = config ?? throw new ArgumentNullException(nameof(config));
        ArgumentNullException.ThrowIfNull(counter);
        _warn = warn ?? throw new ArgumentNullException(nameof(warn));
        Vetter = CreateVetter(config.Paths);
        Library = new SkillLibrary(Vetter, SkillLibraryOptions.ForHome(config.Paths.Home));
        _catalog = new Lazy<SkillCatalog>(() => Discover(workspace), LazyThreadSafetyMode.ExecutionAndPublication);
        _usage = new Lazy<SkillUsageLog?>(OpenUsageLog, LazyThreadSafetyMode.ExecutionAndPublication);
        Tools = SkillTools.Create(_ => Catalog, State, RecordLoad, counter);
        IndexLayer = new SkillIndexLayer(_ => Catalog, counter, new SkillIndexOptions { MaxTokens = config.Skills.IndexTokens });
    }

    public ISkillVetter Vetter { get; }

    public SkillLibrary Library { get; }

    public SkillSessionState State { get; } = new();

    public SkillCatalog Catalog => _catalog.Value;

    public IReadOnlyList<ITool> Tools { get; }

    public IPromptLayerSource IndexLayer { get; }

    /// <summary>The vetter every command uses, caching verdicts by content hash under CHITIN_HOME.</summary>
    public static ISkillVetter CreateVetter(ChitinPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new SkillVetter(new SkillVetterOptions { Cache = new FileVetCache(Path.Combine(paths.Home, "cache", "skill-vetting")) });
    }

    /// <summary>Discovers the skills a workspace sees, with the library's state and the configured warning policy.</summary>
    public static SkillCatalog Discover(ChitinConfig config, SkillLibrary library, ISkillVetter vetter, string workspace)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(library);
        var state = library.ReadState();
        return SkillCatalog.Discover(
            SkillLocations.For(workspace, config.Paths.Home),
            new SkillCatalogOptions
            {
                Vetter = vetter,
                DisabledNames = state.DisabledNames,
                ApprovedContentHashes = state.ApprovedContentHashes,
                KnownSkillNames = [.. state.Pins.Keys],
                ApproveAllWarnings = config.Skills.AllowWarned,
                UntrustedWorkspace = config.Trust is { IsTrusted: false },
            });
    }

    /// <summary>"skills.autoDistill" as a stop hook: a done run may draft a skill; <paramref name="inform"/> is told what was drafted.</summary>
    public IStopHook DistillHook(IChatClient chat, string model, string providerName, PriceTable prices, ISessionStore sessions, IUsageStore usage, Action<string> inform, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(inform);
        var distiller = new SkillDistiller(chat, sessions, usage, Vetter, Library, new SkillDistillOptions { Model = model, ProviderName = providerName, Prices = prices, AutoPropose = true }, _time);
        return new SkillDistillStopHook(
            distiller,
            draft => inform($"drafted skill {draft.Name} (version {draft.Version}) from this run; review it with chitin skills show {draft.Name}"),
            warn);
    }

    /// <summary>Asks the inner approver with pre-approval for tools an active skill allows, and guards blocked skills' files.</summary>
    public IToolApprover WrapApprover(IToolApprover inner) => new SkillScopedApprover(inner, State, _ => Catalog);

    public void Dispose()
    {
        if (_usage.IsValueCreated)
        {
            _usage.Value?.Dispose();
        }
    }

    private SkillCatalog Discover(string workspace) => Discover(_config, Library, Vetter, workspace);

    private SkillUsageLog? OpenUsageLog()
    {
        try
        {
            return SkillUsageLog.OpenAsync(_config.Paths.DatabaseFile, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or SkillStatsException)
        {
            _warn($"skill load figures are not recorded: {ex.Message}");
            return null;
        }
    }

    private void RecordLoad(SkillLoad load) => _usage.Value?.Record(load);
}
