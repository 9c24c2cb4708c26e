namespace Chitin.Hosting;

/// <summary>
/// The composition root of commands that run the agent: database, tools (built-in and from MCP servers), provider
/// clients, approver, hooks, redaction and the runner factory, registered explicitly (no assembly scanning) so
/// start-up stays fast.
/// </summary>
public sealed class ChitinHost : IAsyncDisposable
{
    /// <summary>The usage rows of the memory judge's calls: session and agent columns (its calls belong to no one run).</summary>
    public const string MemoryJudgeSession = "memory";

    public const string MemoryJudgeAgent = "memory-judge";

    private readonly ServiceProvider _services;

    private readonly ChatClientCache _clients;

    private readonly IAsyncDisposable? _mcpServers;

    /// <summary>The OTLP exporter when telemetry is configured; disposed last so the run's spans are flushed.</summary>
    private IDisposable? _telemetry;

    private ChitinHost(ServiceProvider services, SqliteChitinStore store, ToolRegistry tools, ChatClientCache clients, IAsyncDisposable? mcpServers, MemoryServices? memory, SkillServices? skills)
    {
        McpFailures = [];
        _services = services;
        _clients = clients;
        _mcpServers = mcpServers;
        Store = store;
        Tools = tools;
        Memory = memory;
        Skills = skills;
    }

    public SqliteChitinStore Store { get; }

    public ToolRegistry Tools { get; }

    /// <summary>The user's memory; null when the "memory" section switches it off.</summary>
    public MemoryServices? Memory { get; }

    /// <summary>Skills; null when the "skills" section switches them off.</summary>
    public SkillServices? Skills { get; }

    public ChitinConfig Config => _services.GetRequiredService<ChitinConfig>();

    public AgentRunnerFactory Runners => _services.GetRequiredService<AgentRunnerFactory>();

    /// <summary>Per-turn workspace checkpoints (rewind, /undo).</summary>
    public WorkspaceCheckpoints Checkpoints => _services.GetRequiredService<WorkspaceCheckpoints>();

    /// <summary>Configured MCP servers that could not be started in this host, with why.</summary>
    public IReadOnlyList<Chitin.Mcp.Client.McpServerFailure> McpFailures { get; private init; }

    /// <summary>The provider client for a model, and the provider name usage rows carry.</summary>
    public ChatClientCache Clients => _clients;

    /// <summary>
    /// Opens the database, starts the configured MCP servers (only when there are any) and wires the services. With
    /// <see cref="HostOptions.Model"/>, the provider client for it is built while the database opens (start-up time is
    /// what one-shot runs pay); an unusable provider setting then throws <see cref="ConfigException"/> here.
    /// </summary>
    public static async Task<ChitinHost> StartAsync(ChitinConfig config, HostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var opening = StoreOpener.OpenAsync(config.Paths, cancellationToken);
        var connecting = config.McpServers.Any(s => s.Enabled)
            ? McpConnector.ConnectAsync(config.McpServers, config.Paths.Home, options.Warn, options.Context.LoggerFactory, cancellationToken)
            : null;
        var telemetry = config.Telemetry.ResolveEndpoint(name => options.Context.GetEnvironment(name)) is { } collector
            ? StartTelemetry(collector, config.Telemetry.ServiceName)
            : null;
        var clients = new ChatClientCache(config, options.ChatClient, name => options.Context.GetEnvironment(name), options.Warn, options.Context.Time, traced: telemetry is not null, options.Context.LoggerFactory);
        var tools = ToolRegistry.Empty;
        IAsyncDisposable? mcpServers = null;
        IReadOnlyList<Chitin.Mcp.Client.McpServerFailure> mcpFailures = [];
        SqliteChitinStore store;
        Task<MemoryServices?>? openingMemory = null;
        MemoryServices? memory = null;
        var skills = config.Skills.Enabled ? new SkillServices(config, config.Paths.WorkingDirectory, TiktokenCounter.Instance, options.Warn, options.Context.Time) : null;
        try
        {
            var builtIn = BuiltInTools.CreateDefault(options.ToolOptions);
            tools = new ToolRegistry(builtIn);
            var judgeClient = options.Model is null ? ((IChatClient Client, string ProviderName)?)null
                : options.DeferProviderClient ? clients.Deferred(options.Model) : clients.Get(options.Model);

            // The session store migrates a new file first; the memory's tables then join the same database.
            store = await opening;
            var judge = judgeClient is { } chosen
                ? new MeteredChatClient(chosen.Client, store, new MeteredCallSite(MemoryJudgeSession, MemoryJudgeAgent, chosen.ProviderName, options.Model!, config.Prices), options.Context.Time)
                : null;
            openingMemory = MemoryServices.OpenAsync(config, options.Context, judge, cancellationToken);
            McpConnection? mcp = null;
            if (connecting is not null)
            {
                mcp = await connecting;
                mcpServers = mcp.Servers;
                mcpFailures = mcp.Failures;
            }

            memory = await openingMemory;
            tools = ToolDeferral.CreateRegistry([.. builtIn, .. memory?.Tools ?? [], .. skills?.Tools ?? []], mcp);
        }
        catch
        {
            telemetry?.Dispose();
            clients.Dispose();
            skills?.Dispose();
            await ToolDisposal.DisposeAllAsync([.. tools.Tools, .. tools.Deferred.Tools]);
            await DisposeWhenStartedAsync(connecting);
            await DisposeWhenOpenedAsync(opening);
            await DisposeWhenOpenedAsync(openingMemory);
            throw;
        }

        var services = new ServiceCollection().AddChitin(config, options, new OpenedServices(store, tools, clients, memory, skills));
        return new ChitinHost(services.BuildServiceProvider(), store, tools, clients, mcpServers, memory, skills) { McpFailures = mcpFailures, _telemetry = telemetry };
    }

    public async ValueTask DisposeAsync()
    {
        // Instances registered from outside the container are not disposed by it.
        await _services.DisposeAsync();
        _clients.Dispose();
        await ToolDisposal.DisposeAllAsync([.. Tools.Tools, .. Tools.Deferred.Tools]);
        if (_mcpServers is not null)
        {
            await _mcpServers.DisposeAsync();
        }

        if (Memory is not null)
        {
            await Memory.DisposeAsync();
        }

        Skills?.Dispose();
        await Store.DisposeAsync();
        _telemetry?.Dispose();
    }

    /// <summary>Apart from <see cref="StartAsync"/> so the OpenTelemetry SDK is loaded only when telemetry is on.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IDisposable StartTelemetry(Uri collector, string serviceName) => TelemetryExport.Start(collector, serviceName);

    private static async Task DisposeWhenOpenedAsync(Task<MemoryServices?>? opening)
    {
        if (opening is null)
        {
            return;
        }

        await Task.WhenAny(opening);
        if (opening.IsCompletedSuccessfully && opening.Result is { } memory)
        {
            await memory.DisposeAsync();
        }
    }

    private static async Task DisposeWhenStartedAsync(Task<McpConnection>? connecting)
    {
        if (connecting is null)
        {
            return;
        }

        // WhenAny never throws: a connection attempt that failed started nothing to stop.
        await Task.WhenAny(connecting);
        if (connecting.IsCompletedSuccessfully)
        {
            await connecting.Result.Servers.DisposeAsync();
        }
    }

    private static async Task DisposeWhenOpenedAsync(Task<SqliteChitinStore> opening)
    {
        try
        {
            await (await opening).DisposeAsync();
        }
        catch (StoreUnavailableException)
        {
            // Nothing was opened; the caller reports the first error.
        }
        catch (OperationCanceledException)
        {
        }
    }
}
