namespace Chitin.Cli.Commands;

/// <summary>One tool call's outcome.</summary>
public sealed record McpCheckCallOutput(string Tool, bool IsError, string Text);
