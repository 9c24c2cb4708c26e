namespace Chitin.Cli.Commands;

/// <summary><c>chitin doctor</c>: checks config files, provider, database and sandbox, and says what to fix.</summary>
public static class DoctorCommand
{
    private const string Description =
        """
        Check the setup and say what to fix: config files (syntax, types, unknown keys), model and provider
        settings (API keys are shown as set or not, never printed), whether the provider answers, the database
        under CHITIN_HOME, whether this folder is trusted (and what its project config asked for that was
        ignored), config files with keys or private files that others can read, the managed policy, and which
        sandbox really runs here (bubblewrap, else Landlock; trial runs).
        Exits 1 when any check fails.

        Examples:
          chitin doctor
          chitin doctor --json
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var json = CommonOptions.Json("the checks");
        var offline = new Option<bool>("--offline") { Description = "Skip the call to the provider (no network)." };
        var command = new Command("doctor", Description) { json, offline };
        command.SetAction((parse, ct) => ExecuteAsync(runtime, parse.GetValue(json), parse.GetValue(offline), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandRuntime runtime, bool json, bool offline, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var paths = runtime.Paths;
        var files = new List<ConfigFile> { ConfigFile.Read(paths.UserConfigFile, ConfigScope.User, runtime.Context.Environment) };
        checks.Add(CheckFile("user config", files[0]));
        if (!string.Equals(paths.UserConfigFile, paths.ProjectConfigFile, StringComparison.Ordinal))
        {
            files.Add(ConfigFile.Read(paths.ProjectConfigFile, ConfigScope.Project, runtime.Context.Environment));
            checks.Add(CheckFile("project config", files[1]));
        }

        ChitinConfig? config = null;
        try
        {
            config = ConfigLoader.Load(runtime.Context);
        }
        catch (ConfigException ex)
        {
            checks.Add(new DoctorCheck("settings", DoctorCheck.Fail, ex.Issues.Count > 0 ? ex.Issues[0].Format("error") : ex.Message));
        }

        if (config?.Trust is { } trust)
        {
            checks.Add(TrustDoctorChecks.WorkspaceTrust(trust, files.Count > 1 && files[1].Exists));
        }

        if (config is not null)
        {
            checks.AddRange(CheckSettings(config));
            checks.Add(CheckMcpServers(config));
            if (!offline)
            {
                checks.Add(await CheckReachabilityAsync(config, cancellationToken));
                checks.AddRange(await McpDoctorChecks.RunAsync(runtime, config, cancellationToken));
            }
        }

        checks.Add(await CheckDatabaseAsync(paths, cancellationToken));
        checks.Add(await Checkpoints.CheckpointDoctorCheck.RunAsync(paths, config?.Checkpoints ?? Storage.Checkpoints.CheckpointSettings.Default, cancellationToken));
        checks.Add(TrustDoctorChecks.SecretsAtRest(paths, files));
        var (policyCheck, managed) = CheckManagedPolicy(runtime.Context);
        checks.Add(policyCheck);
        var (sandboxCheck, confinement) = CheckSandbox(runtime.Context, config?.Sandbox ?? SandboxSettings.Default, managed);
        checks.Add(sandboxCheck);

        var ok = checks.All(c => c.Status != DoctorCheck.Fail);
        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(new DoctorReport(ok, checks) { Confinement = confinement }, CliJsonContext.Default.DoctorReport));
        }
        else
        {
            runtime.Output.Table(["check", "status", "detail"], checks.Select(c => (IReadOnlyList<string>)[c.Name, c.Status, c.Detail]));
            runtime.Error.Line(ok ? "[green]all checks passed[/]" : "[red]some checks failed; see the detail column[/]");
        }

        return ok ? ExitCodes.Ok : ExitCodes.TaskFailed;
    }

    private static DoctorCheck CheckFile(string name, ConfigFile file)
    {
        if (!file.Exists)
        {
            return new DoctorCheck(name, DoctorCheck.Ok, $"{file.Path} not present (optional; 'chitin init' writes one)");
        }

        if (file.Errors.Count > 0)
        {
            return new DoctorCheck(name, DoctorCheck.Fail, string.Join("; ", file.Errors.Select(e => e.Format("error"))));
        }

        return file.Warnings.Count > 0
            ? new DoctorCheck(name, DoctorCheck.Warn, string.Join("; ", file.Warnings.Select(w => w.Format("warning"))))
            : new DoctorCheck(name, DoctorCheck.Ok, $"{file.Path} is valid");
    }

    private static IEnumerable<DoctorCheck> CheckSettings(ChitinConfig config)
    {
        yield return config.Model is null
            ? new DoctorCheck("model", DoctorCheck.Fail, "not set: pass --model, set CHITIN_MODEL, or set \"model\" in config")
            : new DoctorCheck("model", DoctorCheck.Ok, $"{config.Model} (from {config.ModelSource})"
                + (config.FallbackModels.Count > 0 ? $"; fallbacks: {string.Join(", ", config.FallbackModels)}" : ""));

        var provider = config.Provider;
        yield return new DoctorCheck("provider", DoctorCheck.Ok, $"{provider.Kind} (from {provider.KindSource}) at {provider.BaseUrl} (from {provider.BaseUrlSource})");

        var keyStatus = provider.ApiKey is not null ? DoctorCheck.Ok : provider.UsesDefaultEndpoint ? DoctorCheck.Fail : DoctorCheck.Warn;
        var keyHint = provider.ApiKey is null && !provider.UsesDefaultEndpoint ? "; fine for local servers that need none" : "";
        yield return new DoctorCheck("api key", keyStatus, provider.DescribeApiKey() + keyHint);
    }

    private static DoctorCheck CheckMcpServers(ChitinConfig config)
    {
        if (config.McpServers.Count == 0)
        {
            return new DoctorCheck("mcp servers", DoctorCheck.Ok, "none configured (optional: \"mcpServers\" in config)");
        }

        var listed = config.McpServers.Select(s => s.Enabled ? $"{s.Name} ({s.Origin})" : $"{s.Name} (disabled)");
        return new DoctorCheck("mcp servers", DoctorCheck.Ok, $"{config.McpServers.Count} configured: {string.Join(", ", listed)}; they start with each run, and one that fails is a warning{(config.McpServers.Any(s => s.Enabled) ? " (without --offline each is started below)" : "")}");
    }

    private static async Task<DoctorCheck> CheckReachabilityAsync(ChitinConfig config, CancellationToken cancellationToken)
    {
        var settings = config.ToProviderSettings(config.Model ?? "(no model set)");
        var result = await ProviderProbe.CheckAsync(settings, cancellationToken);
        var status = !result.Succeeded ? DoctorCheck.Fail : result.ModelListed == false ? DoctorCheck.Warn : DoctorCheck.Ok;
        return new DoctorCheck("provider reachable", status, result.Message);
    }

    private static async Task<DoctorCheck> CheckDatabaseAsync(ChitinPaths paths, CancellationToken cancellationToken)
    {
        try
        {
            await using var store = await StoreOpener.OpenAsync(paths, cancellationToken);
            var sessions = await store.ListSessionsAsync(1, cancellationToken);
            return new DoctorCheck("database", DoctorCheck.Ok, $"{paths.DatabaseFile} opens" + (sessions.Count == 0 ? " (no sessions yet)" : ""));
        }
        catch (StoreUnavailableException ex)
        {
            return new DoctorCheck("database", DoctorCheck.Fail, ex.Message);
        }
    }

    private static (DoctorCheck Check, ManagedPolicy? Policy) CheckManagedPolicy(CliContext context)
    {
        var path = AgentSafety.ManagedPolicyPath(context);
        try
        {
            var policy = AgentSafety.LoadManagedPolicy(context);
            return policy is null
                ? (new DoctorCheck("managed policy", DoctorCheck.Ok, $"{path} not present (optional; set by an administrator)"), null)
                : (new DoctorCheck("managed policy", DoctorCheck.Ok, $"{path} is valid and applies (its deny rules and sandbox mode win)"), policy);
        }
        catch (ConfigException ex)
        {
            return (new DoctorCheck("managed policy", DoctorCheck.Fail, ex.Message), null);
        }
    }

    /// <summary>Runs the trial runs (bubblewrap, then Landlock), so the answer is whether commands can really be confined here.</summary>
    private static (DoctorCheck, DoctorConfinement) CheckSandbox(CliContext context, SandboxSettings configured, ManagedPolicy? managed)
    {
        var settings = managed?.Sandbox is { } policy ? configured with { Mode = policy, ModeSource = "managed policy " + managed.Path } : configured;
        var mode = $"sandbox.mode {SandboxSettings.Name(settings.Mode)} (from {settings.ModeSource})";
        var abi = LandlockRuleset.AbiVersion();
        if (settings.Mode == SandboxPolicy.Off)
        {
            return (new DoctorCheck("sandbox", DoctorCheck.Warn, $"{mode}: confinement none, shell commands run without an OS sandbox (explicit opt-out)"),
                new DoctorConfinement("none", abi, NetworkBlocked: false));
        }

        var sandbox = AgentSafety.CreateSandbox(settings, context);
        var bwrap = (BubblewrapSandbox)sandbox.Candidates[0];
        switch (sandbox.Selected)
        {
            case BubblewrapSandbox:
                var network = settings.AllowNetwork ? "with network" : "without network";
                return (new DoctorCheck("sandbox", DoctorCheck.Ok, $"confinement bubblewrap: works ({bwrap.ExecutablePath}); shell commands run confined {network}; {mode}"),
                    new DoctorConfinement("bubblewrap", abi, !settings.AllowNetwork));
            case LandlockSandbox landlock:
                return (new DoctorCheck("sandbox", DoctorCheck.Ok,
                        $"confinement {landlock.Describe(settings.AllowNetwork)}: bubblewrap is not available ({bwrap.UnavailableReason}); shell commands may write only to "
                        + $"the workspace and a private temp folder; {mode} (install bubblewrap for the stronger sandbox)"),
                    new DoctorConfinement("landlock", abi, landlock.BlocksNetwork(settings.AllowNetwork)));
            default:
                var status = settings.Mode == SandboxPolicy.Required ? DoctorCheck.Fail : DoctorCheck.Warn;
                var consequence = settings.Mode == SandboxPolicy.Required ? "run and chat will refuse to start" : "run_shell will refuse every command";
                return (new DoctorCheck("sandbox", status, $"confinement none: no sandbox can run here ({sandbox.UnavailableReason}); {consequence}; {mode} ({SandboxSelector.HowToFix}, or set sandbox.bwrapPath)"),
                    new DoctorConfinement("none", abi, NetworkBlocked: false));
        }
    }
}
