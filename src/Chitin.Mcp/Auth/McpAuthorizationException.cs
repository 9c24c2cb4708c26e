namespace Chitin.Mcp.Auth;

/// <summary>An OAuth login could not be completed; the message says why and what to do.</summary>
public sealed class McpAuthorizationException(string message) : Exception(message);
