namespace Chitin.Cli.Rendering;

/// <summary>A configured MCP server that did not start: "mcp_servers_failed" in <c>run --json</c>, an "mcp_server_failed" event in ndjson.</summary>
public sealed record McpServerFailedOutput(string Server, string Error)
{
    public string Type => "mcp_server_failed";
}
