namespace Chitin.Mcp.Client;

/// <summary>A tool to call with its JSON-object arguments.</summary>
public sealed record McpToolCallRequest(string Tool, JsonElement Arguments);
