namespace Chitin.Hosting.Configuration;

/// <summary>The effective configuration: flags over environment over project file over user file over defaults.</summary>
public sealed record ChitinConfig
{
    public required ChitinPaths Paths { get; init; }

    public string? Model { get; init; }

    /// <summary>Where <see cref="Model"/> came from, for doctor.</summary>
    public string ModelSource { get; init; } = "";

    public IReadOnlyList<string> FallbackModels { get; init; } = [];

    public required ProviderConfig Provider { get; init; }

    public AgentLimits Limits { get; init; } = new();

    public PriceTable Prices { get; init; } = PriceTable.Defaults;

    public string? SystemPrompt { get; init; }

    /// <summary>The "permissions" sections of the user and project files, lowest precedence first.</summary>
    public IReadOnlyList<PermissionLayer> PermissionLayers { get; init; } = [];

    /// <summary>The "hooks" of the user file, then of the project file.</summary>
    public IReadOnlyList<HookDefinition> Hooks { get; init; } = [];

    /// <summary>"mcpServers" of both files merged by name (the project file wins), sorted by name.</summary>
    public IReadOnlyList<McpServerConfig> McpServers { get; init; } = [];

    /// <summary>"endpoints" of the project file, else of the user file; empty means the single "provider" block.</summary>
    public IReadOnlyList<EndpointSettings> Endpoints { get; init; } = [];

    /// <summary>"routing" of the project file, else of the user file.</summary>
    public RoutingSettings Routing { get; init; } = RoutingSettings.Default;

    public SandboxSettings Sandbox { get; init; } = SandboxSettings.Default;

    public WebSettings Web { get; init; } = WebSettings.Default;

    public ContextOptions Context { get; init; } = new();

    public MemorySettings Memory { get; init; } = MemorySettings.Default;

    public SkillsSettings Skills { get; init; } = SkillsSettings.Default;

    public CheckpointSettings Checkpoints { get; init; } = CheckpointSettings.Default;

    /// <summary>Agent trees: agents_* tools, depth, width and budget limits ("agents" section).</summary>
    public Chitin.Agents.Orchestration.AgentsSettings Agents { get; init; } = Chitin.Agents.Orchestration.AgentsSettings.Default;

    public GatewaySettings Gateway { get; init; } = GatewaySettings.Default;

    public TelemetrySettings Telemetry { get; init; } = TelemetrySettings.Default;

    /// <summary>The gateway's heartbeat ("heartbeat" section).</summary>
    public HeartbeatSettings Heartbeat { get; init; } = HeartbeatSettings.Default;

    public IReadOnlyList<ConfigFile> Files { get; init; } = [];

    /// <summary>Whether the workspace is trusted, and what its project config asked for that was ignored; null when not resolved.</summary>
    public WorkspaceTrust? Trust { get; init; }

    public IReadOnlyList<ConfigIssue> Warnings { get; init; } = [];

    /// <summary>True when "endpoints" serve <paramref name="model"/>: its calls go through the routing client.</summary>
    public bool Routes(string model) => Endpoints.Any(e => string.Equals(e.Model, model, StringComparison.Ordinal));

    /// <summary>The model to use, or a config error that says how to set one.</summary>
    public string RequireModel() => Model ?? throw new ConfigException(
        "no model configured: pass --model <id>, set CHITIN_MODEL, or set \"model\" in config (run 'chitin init' to write a commented config file)");

    /// <summary>
    /// Fails when the provider surely cannot be called: the public endpoints need a key. Endpoints the user named
    /// (local vLLM, Ollama, the scripted server) may run without one.
    /// </summary>
    public void RequireProvider()
    {
        if (Model is { } model && Routes(model))
        {
            return; // routed: each endpoint names its own key variable
        }

        if (Provider.ApiKey is null && Provider.UsesDefaultEndpoint)
        {
            var variable = ProviderKinds.KeyVariable(Provider.Kind);
            throw new ConfigException(
                $"no API key for the {Provider.Kind} provider at {Provider.BaseUrl}: set {variable} (or {ProviderKinds.BaseUrlVariable(Provider.Kind)} for a local endpoint), " +
                "or set provider.apiKeyEnv / provider.apiKey in the user config file");
        }
    }
}
