namespace Chitin.Mcp.Configuration;

/// <summary>A config file could not be edited; the message says why and what to do.</summary>
public sealed class McpConfigEditException(string message) : Exception(message);
