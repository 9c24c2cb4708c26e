namespace Chitin.Cli.Commands;

/// <summary><c>chitin mcp check --json</c>: status "connected" or "failed" (with <see cref="Error"/>), the server, its tools and each call.</summary>
public sealed record McpCheckOutput(
    string Url,
    string Status,
    string? Server,
    string? Version,
    string? ProtocolVersion,
    IReadOnlyList<string> Tools,
    IReadOnlyList<McpCheckCallOutput> Calls,
    string? Error);

