namespace Chitin.Hosting.Configuration;

/// <summary>
/// Builds the effective configuration with Microsoft.Extensions.Configuration. Layers, lowest first: defaults,
/// user file, project file, environment, flags. Files are checked first so a broken one is reported with its
/// path, line and key instead of a parser stack trace.
/// </summary>
public static class ConfigLoader
{
    public const string ModelVariable = "CHITIN_MODEL";

    /// <summary>Loads and merges all layers. Throws <see cref="ConfigException"/> listing every error found.</summary>
    public static ChitinConfig Load(IHostContext context, ConfigOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        overrides ??= ConfigOverrides.None;
        var paths = ChitinPaths.Resolve(context);
        var files = ReadFiles(paths, context.Environment);
        var trust = WorkspaceTrustGate.Restrict(context, paths, files);
        var errors = files.SelectMany(f => f.Errors).ToList();
        var warnings = files.SelectMany(f => f.Warnings).ToList();

        var fileKind = files.Select(f => f.Find("provider", "kind")).LastOrDefault(k => k is not null);
        ProviderKinds.TryParse(fileKind, out var configuredKind);
        var environment = EnvironmentLayer.Build(context, configuredKind, errors);
        if (errors.Count > 0)
        {
            throw new ConfigException(errors);
        }

        var layers = new List<(string Name, ConfigScope? Scope)>();
        var builder = new ConfigurationBuilder();
        foreach (var file in files.Where(f => f.IsUsable))
        {
            builder.AddJsonStream(new MemoryStream(file.Content.ToArray(), writable: false));
            layers.Add(($"{(file.Scope == ConfigScope.User ? "user" : "project")} config {file.Path}", file.Scope));
        }

        builder.AddInMemoryCollection(environment.Values);
        layers.Add(("environment", null));
        builder.AddInMemoryCollection(FlagValues(overrides));
        layers.Add(("command line", null));
        var root = builder.Build();
        var sources = new LayerSources(root, layers, environment.Variables);

        var model = root["model"];
        return new ChitinConfig
        {
            Paths = paths,
            Model = string.IsNullOrWhiteSpace(model) ? null : model.Trim(),
            ModelSource = sources.Of("model") ?? "",
            FallbackModels = sources.FallbackModels(),
            Provider = ResolveProvider(root, sources, context),
            Limits = ReadLimits(root),
            Prices = PriceTable.Defaults.With(ReadPrices(root)),
            SystemPrompt = root["systemPrompt"] is { Length: > 0 } prompt ? prompt : null,
            PermissionLayers = files
                .Where(f => f.Sections.Permissions is not null)
                .Select(f => new PermissionLayer(f.Scope == ConfigScope.User ? PermissionSource.User : PermissionSource.Project, f.Path, f.Sections.Permissions!))
                .ToList(),
            Hooks = files.SelectMany(f => f.Sections.Hooks).ToList(),
            McpServers = MergeMcpServers(files, paths.WorkingDirectory),
            Endpoints = files.LastOrDefault(f => f.Sections.Endpoints is not null)?.Sections.Endpoints ?? [],
            Routing = files.LastOrDefault(f => f.Sections.Routing is not null)?.Sections.Routing ?? Chitin.Providers.Routing.Configuration.RoutingSettings.Default,
            Sandbox = ReadSandbox(root, sources) with { EnvPassthrough = UserFileList(files, "sandbox", "envPassthrough") },
            Web = new WebSettings(UserFileList(files, "web", "allowHosts"), UserFileList(files, "web", "allowRanges")),
            Context = ReadContext(root),
            Memory = Bind<MemorySettings>(root),
            Skills = Bind<SkillsSettings>(root),
            Checkpoints = Bind<CheckpointSettings>(root),
            Agents = Bind<Chitin.Agents.Orchestration.AgentsSettings>(root),
            Gateway = Bind<GatewaySettings>(root),
            Heartbeat = Bind<HeartbeatSettings>(root),
            Telemetry = Bind<TelemetrySettings>(root),
            Files = files,
            Trust = trust,
            Warnings = warnings,
        };
    }

    private static List<ConfigFile> ReadFiles(ChitinPaths paths, IReadOnlyDictionary<string, string> environment)
    {
        var files = new List<ConfigFile> { ConfigFile.Read(paths.UserConfigFile, ConfigScope.User, environment) };
        var sameFile = string.Equals(Path.GetFullPath(paths.UserConfigFile), Path.GetFullPath(paths.ProjectConfigFile), StringComparison.Ordinal);
        if (!sameFile)
        {
            files.Add(ConfigFile.Read(paths.ProjectConfigFile, ConfigScope.Project, environment));
        }

        return files;
    }

    /// <summary>
    /// Servers are merged by name: a project file's server replaces the user file's server of the same name. Local
    /// servers start in the workspace unless they name a "cwd" (relative to the workspace).
    /// </summary>
    private static IReadOnlyList<McpServerConfig> MergeMcpServers(List<ConfigFile> files, string workspace)
    {
        if (files.All(f => f.Sections.McpServers.Count == 0))
        {
            return [];
        }

        var byName = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (var server in files.SelectMany(f => f.Sections.McpServers))
        {
            byName[server.Name] = server.Transport is McpStdioTransport stdio
                ? new McpServerConfig(server.Name, stdio with { WorkingDirectory = Path.GetFullPath(stdio.WorkingDirectory ?? ".", workspace) })
                {
                    Enabled = server.Enabled,
                    StartupTimeout = server.StartupTimeout,
                    ToolTimeout = server.ToolTimeout,
                    DeferToolsAbove = server.DeferToolsAbove,
                    Origin = server.Origin,
                }
                : server;
        }

        return byName.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The strings of an array that only the user config file may set (a project file's is ignored with a warning).</summary>
    private static string[] UserFileList(List<ConfigFile> files, string section, string key) =>
        files.Where(f => f.Scope == ConfigScope.User && f.IsUsable)
            .SelectMany(f => f.Nodes.Where(n => n.Kind == System.Text.Json.JsonValueKind.String && n.Is(section, key, "*")))
            .Select(n => n.Value!.Trim())
            .ToArray();

    private static SandboxSettings ReadSandbox(IConfigurationRoot root, LayerSources sources)
    {
        var defaults = SandboxSettings.Default;
        var mode = root["sandbox:mode"] is { Length: > 0 } text ? SandboxSelector.ParsePolicy(text, "sandbox.mode") : defaults.Mode;
        return new SandboxSettings(
            mode,
            sources.Of("sandbox:mode") ?? defaults.ModeSource,
            bool.TryParse(root["sandbox:allowNetwork"], out var network) ? network : defaults.AllowNetwork,
            root["sandbox:bwrapPath"] is { Length: > 0 } bwrap ? bwrap : null)
        {
            Landlock = !bool.TryParse(root["sandbox:landlock"], out var landlock) || landlock,
        };
    }

    private static ContextOptions ReadContext(IConfigurationRoot root)
    {
        var defaults = new ContextOptions();
        return defaults with
        {
            ContextWindowTokens = Integer(root["context:windowTokens"]) is { } window ? (int)window : defaults.ContextWindowTokens,
            CompactAtShare = double.TryParse(root["context:compactAtShare"], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) ? share : defaults.CompactAtShare,
            OffloadThresholdTokens = Integer(root["context:offloadThresholdTokens"]) is { } offload ? (int)offload : defaults.OffloadThresholdTokens,
            AutoCompact = bool.TryParse(root["context:autoCompact"], out var auto) ? auto : defaults.AutoCompact,
        };
    }

    /// <summary>Binds a feature's section from the merged layers; its values were checked when the files were read.</summary>
    private static TOptions Bind<TOptions>(IConfigurationRoot root)
        where TOptions : IFeatureOptions<TOptions>
    {
        var section = root.GetSection(TOptions.Section);
        return TOptions.Bind(new OptionReader(key => section[key]));
    }

    private static Dictionary<string, string?> FlagValues(ConfigOverrides overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(overrides.Model))
        {
            values["model"] = overrides.Model;
        }

        if (overrides.MaxSteps is { } steps)
        {
            values["limits:maxSteps"] = steps.ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }

    private static ProviderConfig ResolveProvider(IConfigurationRoot root, LayerSources sources, IHostContext context)
    {
        var kind = ProviderKinds.TryParse(root["provider:kind"], out var parsed) ? parsed : ProviderKinds.OpenAI;
        var kindSource = sources.Of("provider:kind") ?? "default";
        var baseUrl = root["provider:baseUrl"] is { Length: > 0 } url ? url : ProviderKinds.DefaultBaseUrl(kind);
        var baseUrlSource = sources.Of("provider:baseUrl") ?? "default";

        var (apiKey, apiKeySource) = sources.ApiKey();
        if (apiKey is null)
        {
            var variable = root["provider:apiKeyEnv"] is { Length: > 0 } named ? named : ProviderKinds.KeyVariable(kind);
            apiKey = context.GetEnvironment(variable);
            apiKeySource = apiKey is null ? $"{variable} is empty" : variable;
        }

        return new ProviderConfig(kind, kindSource, baseUrl.TrimEnd('/'), baseUrlSource, apiKey, apiKeySource)
        {
            MaxRetries = Integer(root["provider:maxRetries"]) is { } retries ? (int)retries : null,
        };
    }

    private static AgentLimits ReadLimits(IConfigurationRoot root)
    {
        var defaults = new AgentLimits();
        return defaults with
        {
            MaxSteps = Integer(root["limits:maxSteps"]) is { } steps ? (int)steps : defaults.MaxSteps,
            MaxTokens = Integer(root["limits:maxTokens"]) ?? defaults.MaxTokens,
            MaxWallClock = Seconds(root["limits:maxWallClockSeconds"]) ?? defaults.MaxWallClock,
            ModelCallTimeout = Seconds(root["limits:modelCallTimeoutSeconds"]) ?? defaults.ModelCallTimeout,
            LoopGuard = ReadLoopGuard(root.GetSection("agent:loopGuard")),
        };
    }

    private static LoopGuardOptions ReadLoopGuard(IConfigurationSection section)
    {
        var d = LoopGuardOptions.Default;
        int Count(string key, int fallback) => Integer(section[key]) is { } v ? (int)v : fallback;
        var options = d with
        {
            Enabled = !bool.TryParse(section["enabled"], out var enabled) || enabled,
            RepeatedFailureNudge = Count("repeatedFailureNudge", d.RepeatedFailureNudge),
            RepeatedFailureStop = Count("repeatedFailureStop", d.RepeatedFailureStop),
            RepeatedCallNudge = Count("repeatedCallNudge", d.RepeatedCallNudge),
            RepeatedCallStop = Count("repeatedCallStop", d.RepeatedCallStop),
            NoProgressNudge = Count("noProgressNudge", d.NoProgressNudge),
            NoProgressStop = Count("noProgressStop", d.NoProgressStop),
        };
        return options.Validate() is { } problem ? throw new ConfigException($"agent.loopGuard: {problem}.") : options;
    }

    private static IEnumerable<KeyValuePair<string, ModelPrice>> ReadPrices(IConfigurationRoot root)
    {
        foreach (var entry in root.GetSection("prices").GetChildren())
        {
            var input = Number(entry["input"]) ?? 0m;
            yield return new(entry.Key, new ModelPrice(
                input,
                Number(entry["cachedInput"]) ?? input,
                Number(entry["cacheWrite"]) ?? input,
                Number(entry["output"]) ?? 0m));
        }
    }

    private static long? Integer(string? value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static decimal? Number(string? value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? TimeSpan.FromSeconds(v) : null;
}
