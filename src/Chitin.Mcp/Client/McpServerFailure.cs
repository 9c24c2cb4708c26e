namespace Chitin.Mcp.Client;

/// <summary>A configured server whose tools are unavailable, with a message saying why and what to do.</summary>
public sealed record McpServerFailure(string ServerName, string Message);
