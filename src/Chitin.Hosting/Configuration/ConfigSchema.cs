namespace Chitin.Hosting.Configuration;

/// <summary>
/// The keys Chitin understands and what each must hold. Type and value errors stop the program; unknown keys
/// and misplaced secrets are warnings.
/// </summary>
internal static partial class ConfigSchema
{
    private static readonly string[] TopLevelKeys =
        ["$schema", "model", "fallbackModels", "provider", "limits", "agent", "prices", "systemPrompt", "permissions", "hooks", "sandbox", "mcpServers", "context", "memory", "skills", "web", "endpoints", "routing", "checkpoints", "gateway", "channels", "heartbeat", "telemetry", "agents"];

    /// <summary>Sections whose content the Security and Mcp parsers check (see <see cref="ConfigSections"/>).</summary>
    private static readonly string[] ParsedSections = ["permissions", "hooks", "mcpServers", "routing"];

    private static readonly string[] SandboxKeys = ["mode", "allowNetwork", "bwrapPath", "landlock", "envPassthrough"];
    private static readonly string[] WebKeys = ["allowHosts", "allowRanges"];
    private static readonly string[] ContextKeys = ["windowTokens", "compactAtShare", "offloadThresholdTokens", "autoCompact"];
    private static readonly string[] ProviderKeys = ["kind", "baseUrl", "apiKey", "apiKeyEnv", "maxRetries"];
    private static readonly string[] LimitKeys = ["maxSteps", "maxTokens", "maxWallClockSeconds", "modelCallTimeoutSeconds"];
    private static readonly string[] PriceKeys = ["input", "cachedInput", "cacheWrite", "output"];

    public static void Validate(string source, ConfigScope scope, IReadOnlyList<ConfigNode> nodes, List<ConfigIssue> errors, List<ConfigIssue> warnings)
    {
        foreach (var node in nodes)
        {
            var problem = Check(node, scope, source, warnings);
            if (problem is not null)
            {
                errors.Add(new ConfigIssue(source, node.Line, 0, node.DisplayPath, $"{node.DisplayPath} {problem}, got {node.Describe()}"));
            }
        }

        foreach (var price in nodes.Where(n => n.Is("prices", "*") && n.Kind == JsonValueKind.Object))
        {
            foreach (var required in new[] { "input", "output" })
            {
                if (!nodes.Any(n => n.Segments.Count == 3 && n.Is("prices", price.Segments[1], required)))
                {
                    errors.Add(new ConfigIssue(source, price.Line, 0, price.DisplayPath, $"{price.DisplayPath} needs \"{required}\" (USD per million tokens)"));
                }
            }
        }
    }

    /// <summary>Returns what the value must be when it is wrong, or null when it is fine.</summary>
    private static string? Check(ConfigNode node, ConfigScope scope, string source, List<ConfigIssue> warnings)
    {
        var s = node.Segments;
        switch (s.Count)
        {
            case 0:
                return null;
            case 1:
                if (Matches(s[0], "channels") && scope == ConfigScope.Project)
                {
                    warnings.Add(UserFileOnly(node, source, "would let a repository open the agent to chat senders"));
                }

                return CheckTopLevel(node, warnings, source);
        }

        var section = s[0];
        if (Matches(section, "fallbackModels"))
        {
            return s.Count == 2 ? NonEmptyString(node) : null;
        }

        if (Matches(section, "provider") && s.Count == 2)
        {
            return CheckProvider(node, scope, source, warnings);
        }

        if (Matches(section, "limits") && s.Count == 2)
        {
            return CheckLimit(node, source, warnings);
        }

        if (Matches(section, "agent"))
        {
            return ConfigAgentSchema.Check(node, source, warnings);
        }

        if (Matches(section, "prices"))
        {
            return CheckPrice(node, source, warnings);
        }

        if (Matches(section, "sandbox") && s.Count == 2)
        {
            return CheckSandbox(node, scope, source, warnings);
        }

        if (Matches(section, "sandbox") && s.Count == 3 && Matches(s[1], "envPassthrough"))
        {
            return node.Kind == JsonValueKind.String && EnvironmentVariablePattern().IsMatch(node.Value ?? "")
                ? null
                : "must be an environment variable name such as \"GITHUB_TOKEN\" ('*' wildcards pass only names that do not look secret)";
        }

        if (Matches(section, "web"))
        {
            return ConfigWebSchema.Check(node, scope, source, warnings);
        }

        if (Matches(section, "channels"))
        {
            return ConfigChannelsSchema.Check(node, source, warnings);
        }

        if (Matches(section, "context") && s.Count == 2)
        {
            return CheckContext(node, source, warnings);
        }

        if (Matches(section, "memory") && s.Count == 2)
        {
            return CheckFeature<MemorySettings>(node, source, warnings);
        }

        if (Matches(section, "checkpoints") && s.Count == 2)
        {
            return CheckFeature<CheckpointSettings>(node, source, warnings);
        }

        if (Matches(section, "agents") && s.Count == 2)
        {
            return CheckFeature<Chitin.Agents.Orchestration.AgentsSettings>(node, source, warnings);
        }

        if (Matches(section, "telemetry") && s.Count == 2)
        {
            return CheckFeature<TelemetrySettings>(node, source, warnings);
        }

        if (Matches(section, "skills") && s.Count == 2)
        {
            return CheckFeature<SkillsSettings>(node, source, warnings);
        }

        if (Matches(section, "gateway") && s.Count == 2)
        {
            return CheckFeature<GatewaySettings>(node, source, warnings);
        }

        if (Matches(section, "gateway") && s.Count == 3 && Matches(s[1], "allowedOrigins"))
        {
            return GatewaySettings.CheckOrigin(new OptionValue(node.Kind, node.Value));
        }

        if (Matches(section, "heartbeat") && s.Count == 2)
        {
            return CheckFeature<HeartbeatSettings>(node, source, warnings);
        }

        return null;
    }

    private static string? CheckTopLevel(ConfigNode node, List<ConfigIssue> warnings, string source)
    {
        var key = node.Segments[0];
        if (Matches(key, "model"))
        {
            return NonEmptyString(node);
        }

        if (Matches(key, "systemPrompt") || Matches(key, "$schema"))
        {
            return node.Kind == JsonValueKind.String ? null : "must be a string";
        }

        if (Matches(key, "fallbackModels"))
        {
            return node.Kind == JsonValueKind.Array ? null : "must be an array of model ids";
        }

        if (Matches(key, "endpoints"))
        {
            return node.Kind == JsonValueKind.Array ? null : "must be an array of endpoints [{ name, model, kind, baseUrl, apiKeyEnv, price }]";
        }

        if (Matches(key, "provider") || Matches(key, "limits") || Matches(key, "agent") || Matches(key, "prices") || Matches(key, "sandbox") || Matches(key, "context")
            || Matches(key, "memory") || Matches(key, "skills") || Matches(key, "web") || Matches(key, "checkpoints")
            || Matches(key, "gateway") || Matches(key, "channels") || Matches(key, "heartbeat") || Matches(key, "telemetry") || Matches(key, "agents")
            || ParsedSections.Any(k => Matches(key, k)))
        {
            return node.Kind == JsonValueKind.Object ? null : "must be an object { ... }";
        }

        warnings.Add(Unknown(node, source, TopLevelKeys));
        return null;
    }

    private static string? CheckProvider(ConfigNode node, ConfigScope scope, string source, List<ConfigIssue> warnings)
    {
        var key = node.Segments[1];
        if (Matches(key, "kind"))
        {
            return node.Kind == JsonValueKind.String && ProviderKinds.TryParse(node.Value, out _) ? null : "must be \"openai\" or \"anthropic\"";
        }

        if (Matches(key, "baseUrl"))
        {
            return node.Kind == JsonValueKind.String && IsHttpUrl(node.Value) ? null : "must be an absolute http(s) URL";
        }

        if (Matches(key, "apiKey"))
        {
            if (node.Kind != JsonValueKind.String)
            {
                return "must be a string";
            }

            if (scope == ConfigScope.Project)
            {
                warnings.Add(new ConfigIssue(source, node.Line, 0, node.DisplayPath,
                    "provider.apiKey is ignored in a project config file (it would end up in version control); put it in the user config file or name an environment variable with provider.apiKeyEnv"));
            }

            return null;
        }

        if (Matches(key, "apiKeyEnv"))
        {
            return node.Kind == JsonValueKind.String && EnvironmentVariableName().IsMatch(node.Value ?? "") ? null : "must be an environment variable name such as \"OPENAI_API_KEY\"";
        }

        if (Matches(key, "maxRetries"))
        {
            return TryInteger(node, out var retries) && retries is >= 0 and <= 100 ? null : "must be a whole number from 0 to 100";
        }

        warnings.Add(Unknown(node, source, ProviderKeys));
        return null;
    }

    private static string? CheckLimit(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        var key = node.Segments[1];
        if (Matches(key, "maxSteps"))
        {
            return TryInteger(node, out var v) && v is > 0 and <= int.MaxValue ? null : "must be a positive integer";
        }

        if (Matches(key, "maxTokens"))
        {
            return TryInteger(node, out var v) && v >= 0 ? null : "must be a whole number of tokens, 0 for unlimited";
        }

        if (Matches(key, "maxWallClockSeconds") || Matches(key, "modelCallTimeoutSeconds"))
        {
            return TryNumber(node, out var v) && v > 0 && v <= TimeSpan.MaxValue.TotalSeconds ? null : "must be a positive number of seconds";
        }

        warnings.Add(Unknown(node, source, LimitKeys));
        return null;
    }

    private static string? CheckSandbox(ConfigNode node, ConfigScope scope, string source, List<ConfigIssue> warnings)
    {
        var key = node.Segments[1];
        if (Matches(key, "envPassthrough"))
        {
            if (node.Kind != JsonValueKind.Array)
            {
                return "must be an array of environment variable names";
            }

            if (scope == ConfigScope.Project)
            {
                warnings.Add(UserFileOnly(node, source, "would let a repository hand Chitin's secrets to the commands a model runs"));
            }

            return null;
        }

        if (Matches(key, "mode"))
        {
            return node.Kind == JsonValueKind.String && node.Value?.Trim().ToLowerInvariant() is "required" or "preferred" or "off"
                ? null
                : "must be \"required\" (refuse to start without a sandbox), \"preferred\" (refuse shell commands without one) or \"off\" (run them unconfined)";
        }

        if (Matches(key, "allowNetwork") || Matches(key, "landlock"))
        {
            return TryBoolean(node, out _) ? null : "must be true or false";
        }

        if (Matches(key, "bwrapPath"))
        {
            return node.Kind == JsonValueKind.String && Path.IsPathFullyQualified(node.Value ?? "") ? null : "must be the absolute path of the bwrap program";
        }

        warnings.Add(Unknown(node, source, SandboxKeys));
        return null;
    }

    private static string? CheckContext(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        var key = node.Segments[1];
        if (Matches(key, "windowTokens"))
        {
            return TryInteger(node, out var v) && ContextLimits.WindowTokens.Contains(v)
                ? null
                : $"must be the model's context window in tokens, {ContextLimits.WindowTokens.Describe()}";
        }

        if (Matches(key, "compactAtShare"))
        {
            return TryNumber(node, out var v) && ContextLimits.CompactAtShare.Contains(v)
                ? null
                : $"must be a number {ContextLimits.CompactAtShare.Describe()} (the share of the window at which compaction starts; it brings the context down to 0.4)";
        }

        if (Matches(key, "offloadThresholdTokens"))
        {
            return TryInteger(node, out var v) && ContextLimits.OffloadThresholdTokens.Contains(v)
                ? null
                : $"must be a whole number of tokens {ContextLimits.OffloadThresholdTokens.Describe()} (the excerpt kept in the context is about 450 tokens)";
        }

        if (Matches(key, "autoCompact"))
        {
            return TryBoolean(node, out _) ? null : "must be true or false";
        }

        warnings.Add(Unknown(node, source, ContextKeys));
        return null;
    }

    /// <summary>A section a feature declares (<see cref="IFeatureOptions{TSelf}"/>): the feature says what each value must be.</summary>
    private static string? CheckFeature<TOptions>(ConfigNode node, string source, List<ConfigIssue> warnings)
        where TOptions : IFeatureOptions<TOptions>
    {
        var key = TOptions.Keys.FirstOrDefault(k => Matches(node.Segments[1], k));
        if (key is null)
        {
            warnings.Add(Unknown(node, source, TOptions.Keys));
            return null;
        }

        return TOptions.Check(key, new OptionValue(node.Kind, node.Value));
    }

    private static string? CheckPrice(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        if (node.Segments.Count == 2)
        {
            return node.Kind == JsonValueKind.Object ? null : "must be an object { \"input\": ..., \"cachedInput\": ..., \"cacheWrite\": ..., \"output\": ... }";
        }

        if (node.Segments.Count != 3)
        {
            return null;
        }

        if (PriceKeys.Any(k => Matches(node.Segments[2], k)))
        {
            return TryNumber(node, out var v) && v >= 0 ? null : "must be a non-negative number (USD per million tokens)";
        }

        warnings.Add(Unknown(node, source, PriceKeys));
        return null;
    }

    /// <summary>A key that loosens a guard is read from the user config file only.</summary>
    internal static ConfigIssue UserFileOnly(ConfigNode node, string source, string why) =>
        new(source, node.Line, 0, node.DisplayPath, $"{node.DisplayPath} is ignored in a project config file (it {why}); put it in the user config file");

    internal static ConfigIssue Unknown(ConfigNode node, string source, IEnumerable<string> known) =>
        new(source, node.Line, 0, node.DisplayPath, $"unknown key '{node.DisplayPath}' is ignored (known here: {string.Join(", ", known)})");

    internal static string[] KnownWebKeys => WebKeys;

    private static string? NonEmptyString(ConfigNode node) =>
        node.Kind == JsonValueKind.String && !string.IsNullOrWhiteSpace(node.Value) ? null : "must be a non-empty string";

    private static bool Matches(string actual, string key) => string.Equals(actual, key, StringComparison.OrdinalIgnoreCase);

    /// <summary>JSON numbers and numeric strings both count: configuration values are strings underneath.</summary>
    internal static bool TryInteger(ConfigNode node, out long value)
    {
        value = 0;
        return node.Kind is JsonValueKind.Number or JsonValueKind.String
            && long.TryParse(node.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    internal static bool TryNumber(ConfigNode node, out double value)
    {
        value = 0;
        return node.Kind is JsonValueKind.Number or JsonValueKind.String
            && double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    internal static bool TryBoolean(ConfigNode node, out bool value)
    {
        value = node.Kind == JsonValueKind.True;
        return node.Kind is JsonValueKind.True or JsonValueKind.False
            || (node.Kind == JsonValueKind.String && bool.TryParse(node.Value, out value));
    }

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();

    [GeneratedRegex("^[A-Za-z_*][A-Za-z0-9_*]*$")]
    private static partial Regex EnvironmentVariablePattern();
}
