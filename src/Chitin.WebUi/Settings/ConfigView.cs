namespace Chitin.WebUi.Settings;

/// <summary>
/// The effective configuration, read-only and safe to show: the resolved settings with their sources, then every
/// value each config file sets. A value whose key names a credential (the same rule that hides secret environment
/// variables from child processes) is replaced by "••• (set)"; every other value still goes through the gateway's
/// secret redactor, which hides known key formats and the values of secret environment variables.
/// </summary>
public static class ConfigView
{
    public const string Masked = "••• (set)";

    public static IReadOnlyList<ConfigRow> Effective(ChitinConfig config, ISecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(redactor);
        var gateway = config.Gateway;
        var heartbeat = config.Heartbeat;
        List<ConfigRow> rows =
        [
            new("model", config.Model ?? "(none)", config.ModelSource),
            new("fallbackModels", config.FallbackModels.Count == 0 ? "(none)" : string.Join(", ", config.FallbackModels), ""),
            new("provider.kind", config.Provider.Kind, config.Provider.KindSource),
            new("provider.baseUrl", config.Provider.BaseUrl, config.Provider.BaseUrlSource),
            new("provider.apiKey", config.Provider.ApiKey is null ? "(not set)" : Masked, config.Provider.ApiKeySource),
            new("gateway.bind", gateway.BindAddress, ""),
            new("gateway.port", gateway.Port.ToString(CultureInfo.InvariantCulture), ""),
            new("gateway.auth", gateway.Auth, ""),
            new("gateway.allowedOrigins", gateway.AllowedOrigins.Count == 0 ? "(same origin only)" : string.Join(", ", gateway.AllowedOrigins), ""),
            new("gateway.maxFailedAuth", gateway.MaxFailedAuth.ToString(CultureInfo.InvariantCulture), "per address per minute"),
            new("heartbeat.enabled", heartbeat.Enabled ? "true" : "false", ""),
            new("mcpServers", config.McpServers.Count == 0 ? "(none)" : string.Join(", ", config.McpServers.Select(s => s.Name)), ""),
            new("home", config.Paths.Home, ChitinPaths.HomeVariable),
            new("workspace", config.Paths.WorkingDirectory, ""),
        ];
        return [.. rows.Select(r => r with { Value = redactor.Redact(r.Value) })];
    }

    /// <summary>Each loaded config file with the values it sets (masked), in layer order.</summary>
    public static IReadOnlyList<(string Path, IReadOnlyList<ConfigRow> Rows)> Files(ChitinConfig config, ISecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(redactor);
        return
        [
            .. config.Files.Where(f => f.Exists).Select(f => (f.Path, (IReadOnlyList<ConfigRow>)
            [
                .. f.Nodes.Where(n => n.Kind is not JsonValueKind.Object and not JsonValueKind.Array)
                    .Select(n => new ConfigRow(n.DisplayPath, Value(n, redactor), $"{f.Scope.ToString().ToLowerInvariant()}, line {n.Line.ToString(CultureInfo.InvariantCulture)}")),
            ])),
        ];
    }

    private static string Value(ConfigNode node, ISecretRedactor redactor)
    {
        var name = node.Segments.LastOrDefault(s => !s.StartsWith('[')) ?? "";
        if (node.Kind != JsonValueKind.Null && (SecretVariables.LooksSecret(name) || name.Equals("authorization", StringComparison.OrdinalIgnoreCase)))
        {
            return Masked;
        }

        return redactor.Redact(node.Kind == JsonValueKind.String ? node.Value ?? "" : node.Describe());
    }
}
