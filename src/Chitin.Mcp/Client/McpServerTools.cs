namespace Chitin.Mcp.Client;

/// <summary>The tools one connected server offers, and whether its "deferTools" setting defers them.</summary>
public sealed record McpServerTools(string Server, IReadOnlyList<ITool> Tools, bool Deferred);
