namespace Chitin.Mcp.Client;

/// <summary>A server could not be started; the message is written for the user and names the server.</summary>
public sealed class McpStartException(string message, Exception? innerException = null) : Exception(message, innerException);
