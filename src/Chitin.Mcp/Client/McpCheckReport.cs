namespace Chitin.Mcp.Client;

/// <summary>What <see cref="McpCheck"/> found: the server, its protocol version, its tools and each call's outcome.</summary>
public sealed record McpCheckReport(string ServerName, string ServerVersion, string? ProtocolVersion, IReadOnlyList<string> Tools, IReadOnlyList<McpToolCallReport> Calls);
