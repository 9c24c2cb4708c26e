namespace Chitin.Testing.Wire;

/// <summary>
/// Serialises what a request carries (tools, then system, then each message) into a deterministic sequence of text
/// segments, the stand-in for the token sequence a provider's prefix cache sees. Both wire formats produce the same
/// segments for the same conversation. Markers close each part rather than open it, so two unrelated prompts share
/// no tokens just because of the markers. Segments are tokenized one by one, so a conversation that is sent again
/// with one more message only costs the tokenization of that message. Also remembers where the last Anthropic
/// cache breakpoint is.
/// </summary>
internal sealed class CanonicalPromptBuilder
{
    private readonly List<string> _segments = new(32);

    public IReadOnlyList<string> Segments => _segments;

    /// <summary>How many segments precede the end of the last block marked with cache_control; -1 when none.</summary>
    public int LastBreakpointSegments { get; private set; } = -1;

    public void AppendTool(string name, string? description, string? schemaJson) =>
        _segments.Add(string.Concat(name, "\n", string.IsNullOrEmpty(description) ? string.Empty : description + "\n", schemaJson ?? string.Empty, "\n[/tool]\n"));

    public void AppendText(string text)
    {
        if (text.Length > 0)
        {
            _segments.Add(string.Concat(text, "\n"));
        }
    }

    public void AppendToolCall(string id, string name, string argumentsJson) =>
        _segments.Add(string.Concat(name, " ", argumentsJson, "\n[/tool_call ", id, "]\n"));

    /// <summary>Closes a tool result whose content was appended just before.</summary>
    public void EndToolResult(string callId, bool isError) =>
        _segments.Add(string.Concat("[/tool_result ", callId, isError ? " error]\n" : "]\n"));

    /// <summary>A block the server does not interpret (image, document, thinking…): its JSON counts as prompt.</summary>
    public void AppendOther(string type, string rawJson) => _segments.Add(string.Concat(rawJson, "\n[/", type, "]\n"));

    /// <summary>Closes a message (or the system prompt) whose parts were appended just before.</summary>
    public void EndMessage(string role) => _segments.Add(string.Concat("[/", role, "]\n"));

    public void MarkBreakpoint() => LastBreakpointSegments = _segments.Count;
}
