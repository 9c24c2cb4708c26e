namespace Chitin.Hosting.Configuration;

/// <summary>
/// Reads the sections whose rules live in other projects ("permissions", "hooks", "mcpServers") with those projects'
/// parsers, and turns their errors into <see cref="ConfigIssue"/>s on the line of the key they name.
/// </summary>
internal static class ConfigSections
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static ParsedConfigSections Parse(
        string path,
        ConfigScope scope,
        ReadOnlyMemory<byte> content,
        IReadOnlyList<ConfigNode> nodes,
        IReadOnlyDictionary<string, string> environment,
        List<ConfigIssue> errors,
        List<ConfigIssue> warnings)
    {
        if (!nodes.Any(n => n.Segments.Count == 1 && n.Kind is JsonValueKind.Object or JsonValueKind.Array && IsParsedSection(n.Segments[0])))
        {
            // The common case: no section to parse, so no second pass over the file.
            return ParsedConfigSections.None;
        }

        using var document = JsonDocument.Parse(content, DocumentOptions);
        var sections = ParsedConfigSections.None;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object && !(property.Value.ValueKind == JsonValueKind.Array && property.NameEquals("endpoints")))
            {
                continue; // ConfigSchema already reported it.
            }

            try
            {
                sections = property.Name.ToLowerInvariant() switch
                {
                    "permissions" => sections with { Permissions = PermissionSettings.Parse(property.Value, path) },
                    "hooks" => sections with { Hooks = HookDefinition.Parse(property.Value, path) },
                    "mcpservers" => sections with { McpServers = ParseMcpServers(property.Value, path, environment) },
                    "endpoints" => sections with { Endpoints = RoutingConfigParser.ParseEndpoints(property.Value) },
                    "routing" => sections with { Routing = RoutingConfigParser.ParseRouting(property.Value) },
                    _ => sections,
                };
            }
            catch (Exception ex) when (ex is PermissionConfigurationException or HookConfigurationException or McpConfigException or RoutingConfigException)
            {
                var (line, key) = Locate(ex.Message, property.Name, nodes);
                errors.Add(new ConfigIssue(path, line, 0, key, ex.Message));
            }
        }

        if (scope == ConfigScope.Project && sections.Permissions?.Mode == PermissionMode.Unrestricted)
        {
            var (line, key) = Locate("permissions.mode", "permissions", nodes);
            warnings.Add(new ConfigIssue(path, line, 0, key,
                "permissions.mode \"unrestricted\" in a project file lets whoever changes this repository run any tool without asking; " +
                "prefer --mode unrestricted or the user config file"));
        }

        return sections;
    }

    private static bool IsParsedSection(string key) =>
        key.Equals("permissions", StringComparison.OrdinalIgnoreCase)
        || key.Equals("hooks", StringComparison.OrdinalIgnoreCase)
        || key.Equals("mcpServers", StringComparison.OrdinalIgnoreCase)
        || key.Equals("endpoints", StringComparison.Ordinal)
        || key.Equals("routing", StringComparison.Ordinal);

    /// <summary>Kept apart so the MCP assemblies load only for files that configure servers.</summary>
    private static IReadOnlyList<McpServerConfig> ParseMcpServers(JsonElement servers, string path, IReadOnlyDictionary<string, string> environment) =>
        McpServerConfig.ParseAll(servers, path, environment);

    /// <summary>
    /// The line and key an error is about: the deepest key of the section the message names ("permissions.allow[2]"),
    /// else an entry it quotes ('server'), else the section itself.
    /// </summary>
    private static (int Line, string Key) Locate(string message, string section, IReadOnlyList<ConfigNode> nodes)
    {
        var inSection = nodes.Where(n => n.Segments.Count > 0 && string.Equals(n.Segments[0], section, StringComparison.Ordinal)).ToList();
        var named = inSection
            .Where(n => n.Segments.Count > 1 && message.Contains(n.DisplayPath, StringComparison.Ordinal))
            .MaxBy(n => n.DisplayPath.Length);
        named ??= inSection
            .Where(n => n.Segments.Count > 1 && !n.Segments[^1].StartsWith('[') && message.Contains($"'{n.Segments[^1]}'", StringComparison.Ordinal))
            .MinBy(n => n.Segments.Count);
        var found = named ?? inSection.FirstOrDefault(n => n.Segments.Count == 1);
        return found is null ? (0, section) : (found.Line, found.DisplayPath);
    }
}
