namespace Chitin.Testing.Scripting;

/// <summary>A chat request as the scripted model sees it, the same shape for both wire formats.</summary>
public sealed class ScriptRequest
{
    /// <summary>The dialect the request arrived in.</summary>
    public required WireFormat WireFormat { get; init; }

    /// <summary>The model id the client asked for.</summary>
    public required string Model { get; init; }

    /// <summary>True when the client asked for a server-sent-event stream.</summary>
    public required bool Stream { get; init; }

    /// <summary>All system (and OpenAI developer) text joined with blank lines; null when there is none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>The conversation, system messages excluded.</summary>
    public required IReadOnlyList<ScriptMessage> Messages { get; init; }

    /// <summary>Names of the tools the client offered, in order.</summary>
    public required IReadOnlyList<string> ToolNames { get; init; }

    /// <summary>The most output tokens the client allows (<c>max_tokens</c> / <c>max_completion_tokens</c>); null when unset.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Stop sequences: the answer ends before the first one.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>True when the client asked for JSON (<c>response_format</c> json_object or json_schema).</summary>
    public bool JsonMode { get; init; }

    /// <summary>0-based number of this request among all requests the server received.</summary>
    public required int Index { get; init; }

    /// <summary>How many tool results the whole conversation carries.</summary>
    public int ToolResultCount => Messages.Sum(message => message.ToolResults.Count);

    /// <summary>
    /// The tool results at the end of the conversation, that is the ones answering the model's latest tool calls;
    /// empty when the conversation does not end with tool results.
    /// </summary>
    public IReadOnlyList<ScriptToolResult> LastToolResults
    {
        get
        {
            var start = Messages.Count;
            while (start > 0 && Messages[start - 1].ToolResults.Count > 0)
            {
                start--;
            }

            return Messages.Skip(start).SelectMany(message => message.ToolResults).ToList();
        }
    }

    /// <summary>The text of the latest user message that has text; null when there is none.</summary>
    public string? LastUserText =>
        Messages.LastOrDefault(message => message.Role == ScriptRole.User && message.Text.Length > 0)?.Text;

    /// <summary>All tool results of the conversation, in order.</summary>
    public IEnumerable<ScriptToolResult> AllToolResults => Messages.SelectMany(message => message.ToolResults);

    /// <summary>The assistant tool call a result answers, or null when the conversation holds no call with that id.</summary>
    public ScriptToolCall? FindToolCall(string callId) =>
        Messages.SelectMany(message => message.ToolCalls).FirstOrDefault(call => call.Id == callId);
}
