namespace Chitin.Mcp.Client;

/// <summary>One call's outcome, with the tool's text (or the error).</summary>
public sealed record McpToolCallReport(string Tool, bool IsError, string Text);
