namespace Chitin.Hosting;

/// <summary>
/// Makes an <see cref="AgentRunner"/> per model (chat's /model switches models mid-session). The provider client
/// is made when a runner is first asked for, so commands that never call a model never build one.
/// </summary>
public sealed class AgentRunnerFactory : IAsyncDisposable
{
    private readonly ChitinConfig _config;
    private readonly ChatClientCache _clients;
    private readonly ToolRegistry _tools;
    private readonly ISessionStore _sessions;
    private readonly IUsageStore _usage;
    private readonly IToolApprover _approver;
    private readonly IAgentHooks _hooks;
    private readonly ISecretRedactor _redactor;
    private readonly RunnerExtensions _extensions;
    private readonly Dictionary<string, AgentRunner> _runners = new(StringComparer.Ordinal);
    private AgentTreeHost? _agents;

    public AgentRunnerFactory(ChitinConfig config, ChatClientCache clients, ToolRegistry tools, ISessionStore sessions, IUsageStore usage, IToolApprover approver, IAgentHooks hooks, ISecretRedactor redactor, RunnerExtensions? extensions = null)
    {
        _extensions = extensions ?? new RunnerExtensions(null, null, static _ => { });
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _usage = usage ?? throw new ArgumentNullException(nameof(usage));
        _approver = approver ?? throw new ArgumentNullException(nameof(approver));
        _hooks = hooks ?? throw new ArgumentNullException(nameof(hooks));
        _redactor = redactor ?? throw new ArgumentNullException(nameof(redactor));
    }

    /// <summary>The runner for <paramref name="model"/>. Throws <see cref="ConfigException"/> for unusable provider settings.</summary>
    public AgentRunner Create(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (_runners.TryGetValue(model, out var existing))
        {
            return existing;
        }

        var (provided, providerName) = _clients.Get(model);
        var agents = AgentsFor(model);
        var client = agents?.Wrap(model, provided) ?? provided;
        var options = OptionsFor(model, client, providerName);
        var tools = agents is null ? _tools : new ToolRegistry([.. _tools.Tools, .. agents.Runtime.AgentTools], _tools.Deferred);
        var runner = new AgentRunner(client, tools, _sessions, _usage, _approver, options);
        _runners[model] = runner;
        return runner;
    }

    /// <summary>The agent trees of this host (agents_* tools, budget slices); null while no runner was made or when "agents" is off.</summary>
    public AgentRuntime? Agents => _agents?.Runtime;

    public async ValueTask DisposeAsync()
    {
        if (_agents is not null)
        {
            await _agents.DisposeAsync();
        }
    }

    private AgentTreeHost? AgentsFor(string model)
    {
        if (!_config.Agents.Enabled)
        {
            return null;
        }

        return _agents ??= new AgentTreeHost(
            _config.Agents,
            model,
            m => _clients.Get(m).Client,
            m => OptionsFor(m, _agents!.Wrap(m, _clients.Get(m).Client), _clients.Get(m).ProviderName) with { StopHooks = [], Hooks = _hooks },
            _clients.IsRouted(model) ? RoutedPrices() : _config.Prices,
            _tools,
            _approver,
            _sessions,
            _usage,
            _config.Limits);
    }

    private AgentRunnerOptions OptionsFor(string model, IChatClient client, string providerName)
    {
        var counter = TiktokenCounter.Instance;
        List<IPromptLayerSource> layers = [];
        if (_extensions.Skills is { } skills)
        {
            layers.Add(skills.IndexLayer);
        }

        if (_tools.Deferred.Count > 0)
        {
            layers.Add(new DeferredToolsLayer(_tools.Deferred));
        }

        if (_extensions.Memory?.DigestLayer(counter) is { } digest)
        {
            layers.Add(digest);
        }

        var hooks = _hooks;
        List<IStopHook> stopHooks = [];
        if (_extensions.Memory?.CaptureFor(client, model, providerName, _config.Prices, _sessions, _usage, _redactor) is { } capture)
        {
            hooks = new MemoryCaptureHooks(_hooks, capture, _extensions.Warn);
            stopHooks.Add(new MemoryCaptureStopHook(capture, _extensions.Warn));
        }

        if (_config.Skills.AutoDistill && _extensions.Skills is { } distilling)
        {
            stopHooks.Add(distilling.DistillHook(client, model, providerName, _config.Prices, _sessions, _usage, _extensions.Inform, _extensions.Warn));
        }

        return new AgentRunnerOptions
        {
            SystemPrompt = _config.SystemPrompt ?? DefaultSystemPrompt.Text,
            Prices = _clients.IsRouted(model) ? RoutedPrices() : _config.Prices,
            ProviderName = providerName,
            ArtifactsRoot = _config.Paths.ArtifactsDirectory,
            Context = _config.Context,
            Hooks = hooks,
            Redactor = _redactor,
            TokenCounter = counter,
            PromptLayers = layers,
            StopHooks = stopHooks,
            Checkpoints = _extensions.Checkpoints ?? Core.Checkpoints.NoCheckpoints.Instance,
        };
    }

    /// <summary>Routed calls are metered as model@endpoint, at the price the endpoint declares.</summary>
    private PriceTable RoutedPrices() =>
        _config.Prices.With(_config.Endpoints.Select(e => KeyValuePair.Create(RoutedModelId.Format(e.Model, e.Name), e.Price)));
}
