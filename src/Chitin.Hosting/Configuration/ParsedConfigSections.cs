using Chitin.Mcp.Configuration;
using Chitin.Security.Hooks;
using Chitin.Security.Permissions;

namespace Chitin.Hosting.Configuration;

/// <summary>What one config file says about permissions, hooks and MCP servers; null or empty when it says nothing.</summary>
public sealed record ParsedConfigSections
{
    public static ParsedConfigSections None { get; } = new();

    public PermissionSettings? Permissions { get; init; }

    public IReadOnlyList<HookDefinition> Hooks { get; init; } = [];

    public IReadOnlyList<McpServerConfig> McpServers { get; init; } = [];
}
