namespace Chitin.Hosting.Configuration;

/// <summary>What one config file says about permissions, hooks and MCP servers; null or empty when it says nothing.</summary>
public sealed record ParsedConfigSections
{
    public static ParsedConfigSections None { get; } = new();

    public PermissionSettings? Permissions { get; init; }

    public IReadOnlyList<HookDefinition> Hooks { get; init; } = [];

    public IReadOnlyList<McpServerConfig> McpServers { get; init; } = [];

    /// <summary>"endpoints", null when the file has none.</summary>
    public IReadOnlyList<EndpointSettings>? Endpoints { get; init; }

    /// <summary>"routing", null when the file has none.</summary>
    public RoutingSettings? Routing { get; init; }
}
