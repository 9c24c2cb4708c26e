namespace Chitin.Cli.Commands;

/// <summary><c>chitin mcp list --json</c>: every configured server, its tools and whether they are deferred.</summary>
public sealed record McpListOutput(IReadOnlyList<McpServerOutput> Servers);

/// <summary>One server: status "connected", "failed" or "disabled"; <see cref="Error"/> says why it failed.</summary>
public sealed record McpServerOutput(string Name, string Origin, string Status, string DeferTools, bool Deferred, IReadOnlyList<McpToolOutput> Tools, string? Error);

/// <summary>One tool with what its declaration costs in every call when it is sent.</summary>
public sealed record McpToolOutput(string Name, bool Deferred, int Tokens);
