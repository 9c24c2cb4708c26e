namespace Chitin.Core.Sessions;

/// <summary>A tool call the assistant made, with its arguments exactly as the model sent them.</summary>
public sealed record ToolCallRecord(string Id, string Name, string ArgumentsJson);
