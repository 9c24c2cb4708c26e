namespace Chitin.Core.Tools;

/// <summary>One call of a tool by the model, with parsed arguments (always a JSON object).</summary>
public sealed record ToolInvocation(string CallId, string ToolName, JsonElement Arguments, ToolContext Context);
