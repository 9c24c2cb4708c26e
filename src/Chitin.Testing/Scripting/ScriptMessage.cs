namespace Chitin.Testing.Scripting;

/// <summary>One message of the conversation a request carries, normalised across wire formats.</summary>
/// <param name="Role">Who wrote it.</param>
/// <param name="Text">Its text parts joined with new lines; empty when it has none.</param>
/// <param name="ToolCalls">Tool calls an assistant message makes.</param>
/// <param name="ToolResults">Tool results it carries (an OpenAI tool message, or Anthropic tool_result blocks).</param>
public sealed record ScriptMessage(
    ScriptRole Role,
    string Text,
    IReadOnlyList<ScriptToolCall> ToolCalls,
    IReadOnlyList<ScriptToolResult> ToolResults);
