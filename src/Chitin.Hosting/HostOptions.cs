namespace Chitin.Hosting;

/// <summary>What a command hands <see cref="ChitinHost.StartAsync"/> besides the configuration.</summary>
public sealed record HostOptions
{
    public required IToolApprover Approver { get; init; }

    /// <summary>When set, the provider client for this model is built while the database opens.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// Builds the provider client for <see cref="Model"/> on its first call instead of at start (its settings are still
    /// checked at start). For a long-running host that may sit idle, such as the gateway: the provider SDK stays unloaded.
    /// </summary>
    public bool DeferProviderClient { get; init; }

    public BuiltInToolOptions? ToolOptions { get; init; }

    /// <summary>A client that answers every model instead of the configured provider, with the provider name usage rows carry (the demo's in-process model).</summary>
    public (IChatClient Client, string ProviderName)? ChatClient { get; init; }

    public IAgentHooks Hooks { get; init; } = NoHooks.Instance;

    public ISecretRedactor Redactor { get; init; } = NoRedaction.Instance;

    /// <summary>The command's invocation context (environment, clock).</summary>
    public required IHostContext Context { get; init; }

    /// <summary>Receives warnings such as an MCP server that failed to start.</summary>
    public Action<string> Warn { get; init; } = static _ => { };

    /// <summary>Receives notices for the person at the front end, such as a skill drafted when a run stopped.</summary>
    public Action<string> Inform { get; init; } = static _ => { };

    /// <summary>Builds the host's options from a command's safety setup.</summary>
    public static HostOptions From(IHostContext context, AgentSafety safety, string? model = null, BuiltInToolOptions? toolOptions = null, Action<string>? warn = null, Action<string>? inform = null)
    {
        ArgumentNullException.ThrowIfNull(safety);
        return new HostOptions
        {
            Context = context,
            Approver = safety.Permissions,
            Model = model,
            ToolOptions = toolOptions ?? safety.ToolOptions,
            Hooks = safety.Hooks,
            Redactor = safety.Redactor,
            Warn = warn ?? (static _ => { }),
            Inform = inform ?? (static _ => { }),
        };
    }
}
