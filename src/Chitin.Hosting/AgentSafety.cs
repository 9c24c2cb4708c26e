namespace Chitin.Hosting;

/// <summary>
/// What guards a run: the permission engine over every layer (managed policy &gt; flags &gt; project &gt; user &gt;
/// built-in), hook commands, secret redaction, the audit log and the shell sandbox. Dispose it when the command ends
/// (it closes the audit log).
/// </summary>
public sealed class AgentSafety : IDisposable
{
    private readonly LazyAuditLog _audit;

    private AgentSafety(PermissionEngine permissions, IAgentHooks hooks, ISecretRedactor redactor, BuiltInToolOptions toolOptions, SandboxSettings sandbox, ManagedPolicy? managed, LazyAuditLog audit)
    {
        Permissions = permissions;
        Hooks = hooks;
        Redactor = redactor;
        ToolOptions = toolOptions;
        Sandbox = sandbox;
        Managed = managed;
        _audit = audit;
    }

    public PermissionEngine Permissions { get; }

    public IAgentHooks Hooks { get; }

    public ISecretRedactor Redactor { get; }

    /// <summary>The sandbox settings for the built-in tools; add interaction (ask_user) with a <c>with</c> expression.</summary>
    public BuiltInToolOptions ToolOptions { get; }

    /// <summary>The sandbox settings in force: the managed policy's mode wins over config.</summary>
    public SandboxSettings Sandbox { get; }

    public ManagedPolicy? Managed { get; }

    /// <summary>Today's audit file, CHITIN_HOME/audit/YYYY-MM-DD.jsonl (created on the first decision).</summary>
    public string AuditPath => _audit.Path;

    /// <summary>The managed policy file: $CHITIN_MANAGED_POLICY of the invocation's environment, else /etc/chitin/managed.json.</summary>
    public static string ManagedPolicyPath(IHostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEnvironment(ManagedPolicy.EnvironmentVariable) ?? ManagedPolicy.StandardPath;
    }

    /// <summary>Loads the managed policy. Throws <see cref="ConfigException"/> when it exists but is invalid.</summary>
    public static ManagedPolicy? LoadManagedPolicy(IHostContext context)
    {
        try
        {
            return ManagedPolicy.Load(ManagedPolicyPath(context));
        }
        catch (PermissionConfigurationException ex)
        {
            throw new ConfigException("policy error: " + ex.Message, ex);
        }
    }

    /// <param name="prompt">Asks the person at the terminal; null for non-interactive runs (asks are then refused unless --yes).</param>
    /// <param name="warn">Receives warnings (sandbox unavailable, a failing hook) for stderr.</param>
    /// <exception cref="ConfigException">The managed policy or a permission setting is invalid, or the sandbox is required but cannot run.</exception>
    public static AgentSafety Create(
        IHostContext context,
        ChitinConfig config,
        PermissionFlags flags,
        ISecretRedactor redactor,
        Action<string> warn,
        Func<PermissionPrompt, CancellationToken, ValueTask<PermissionAnswer>>? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(warn);
        var managed = LoadManagedPolicy(context);
        var audit = new LazyAuditLog(JsonlAuditLog.DailyPath(config.Paths.Home, context.Time.GetUtcNow()));
        try
        {
            var permissions = CreateEngine(context, config, flags, managed, audit, prompt);
            var sandbox = EffectiveSandbox(config.Sandbox, managed);
            var toolOptions = WithSandbox(
                new BuiltInToolOptions
                {
                    AllowNetwork = sandbox.AllowNetwork,
                    ShellEnvironmentPassthrough = config.Sandbox.EnvPassthrough,
                    WebEgress = new EgressPolicy(config.Web.AllowHosts, config.Web.AllowRanges),
                    ReadPolicy = permissions,
                },
                sandbox,
                context,
                warn);
            IReadOnlyList<HookDefinition> hooks = [.. managed?.Hooks ?? [], .. config.Hooks];
            IAgentHooks agentHooks = hooks.Count == 0 ? NoHooks.Instance : new CommandHooks(hooks, new CommandHooksOptions { Warning = warn });
            return new AgentSafety(permissions, agentHooks, redactor, toolOptions, sandbox, managed, audit);
        }
        catch
        {
            audit.Dispose();
            throw;
        }
    }

    public void Dispose() => _audit.Dispose();

    private static PermissionEngine CreateEngine(
        IHostContext context,
        ChitinConfig config,
        PermissionFlags flags,
        ManagedPolicy? managed,
        LazyAuditLog audit,
        Func<PermissionPrompt, CancellationToken, ValueTask<PermissionAnswer>>? prompt)
    {
        try
        {
            var layers = new List<PermissionLayer> { PermissionDefaults.Layer };
            layers.AddRange(config.PermissionLayers);
            if (flags.ToLayer() is { } commandLine)
            {
                layers.Add(commandLine);
            }

            if (managed is not null)
            {
                layers.Add(managed.Permissions);
            }

            return new PermissionEngine(layers, new PermissionEngineOptions
            {
                ApproveAsks = flags.Yes,
                Prompt = prompt,
                AuditLog = audit,
                Time = context.Time,
                HomeDirectory = context.GetEnvironment("HOME"),
                WorkingDirectory = context.WorkingDirectory,
            });
        }
        catch (PermissionConfigurationException ex)
        {
            throw new ConfigException("permission error: " + ex.Message, ex);
        }
    }

    private static SandboxSettings EffectiveSandbox(SandboxSettings configured, ManagedPolicy? managed) =>
        managed?.Sandbox is { } policy ? configured with { Mode = policy, ModeSource = "managed policy " + managed.Path } : configured;

    private static BuiltInToolOptions WithSandbox(BuiltInToolOptions options, SandboxSettings sandbox, IHostContext context, Action<string> warn)
    {
        switch (sandbox.Mode)
        {
            case SandboxPolicy.Off:
                return options with { Sandbox = null, SandboxMode = SandboxMode.Off };
            case SandboxPolicy.Required:
                try
                {
                    // Required must fail before the run starts, so this one probe cannot wait for the first command.
                    var selected = SandboxSelector.Select(SandboxPolicy.Required, CreateSandbox(sandbox, context));
                    return options with { Sandbox = selected.Sandbox, SandboxMode = SandboxMode.Required };
                }
                catch (SandboxUnavailableException ex)
                {
                    throw new ConfigException($"sandbox error: {ex.Message} (sandbox.mode is required, set by {sandbox.ModeSource})", ex);
                }

            default:
                return options with { Sandbox = new DeferredSandbox(CreateSandbox(sandbox, context), warn), SandboxMode = SandboxMode.Preferred };
        }
    }

    /// <summary>bubblewrap, else (unless sandbox.landlock is false) the kernel's Landlock; whichever runs first here.</summary>
    public static FirstAvailableSandbox CreateSandbox(SandboxSettings sandbox, IHostContext context)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var bubblewrap = CreateBubblewrap(sandbox, context);
        return sandbox.Landlock
            ? new FirstAvailableSandbox(bubblewrap, new LandlockSandbox(new LandlockOptions { HideSecretEnvironment = false })) // as for bwrap below
            : new FirstAvailableSandbox(bubblewrap);
    }

    /// <summary>bubblewrap at sandbox.bwrapPath, else found on the invocation's PATH.</summary>
    public static BubblewrapSandbox CreateBubblewrap(SandboxSettings sandbox, IHostContext context)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(context);
        return new BubblewrapSandbox(new BubblewrapOptions
        {
            ExecutablePath = sandbox.BwrapPath ?? ExecutableFinder.Find("bwrap", context.Environment),

            // run_shell already starts bwrap with the minimal child environment; unsetting secret-looking names
            // again would only drop what sandbox.envPassthrough names on purpose.
            HideSecretEnvironment = false,
        });
    }
}
