namespace Chitin.Testing.Scripting;

/// <summary>
/// A tool result found in the conversation. <paramref name="IsError"/> comes from Anthropic's <c>is_error</c>;
/// OpenAI has no such flag, so it is always false there.
/// </summary>
public sealed record ScriptToolResult(string CallId, string Content, bool IsError = false);
