namespace Chitin.Testing.Wire;

/// <summary>
/// Everything that differs between the OpenAI and Anthropic wire formats: a few names and the functions that read a
/// request and write each kind of answer. Each format is one subclass with one instance (<c>OpenAIDialect.Instance</c>,
/// <c>AnthropicDialect.Instance</c>).
/// </summary>
internal abstract class WireDialect(WireFormat format, string responseIdPrefix, string toolCallIdPrefix, string requestIdHeader)
{
    public WireFormat Format { get; } = format;

    /// <summary>Prefix of response ids (<c>chatcmpl-</c>, <c>msg_</c>).</summary>
    public string ResponseIdPrefix { get; } = responseIdPrefix;

    /// <summary>Prefix of generated tool-call ids (<c>call_</c>, <c>toolu_</c>).</summary>
    public string ToolCallIdPrefix { get; } = toolCallIdPrefix;

    /// <summary>The response header carrying the request id.</summary>
    public string RequestIdHeader { get; } = requestIdHeader;

    /// <summary>Reads a request body; <paramref name="index"/> is the request's index on the server.</summary>
    public abstract ParsedChatRequest Parse(JsonElement body, int index);

    public abstract void WriteCompletion(Utf8JsonWriter json, ChatAnswer answer);

    public abstract Task WriteStreamAsync(SseStream stream, ChatAnswer answer, ParsedChatRequest request);

    public abstract void WriteError(Utf8JsonWriter json, int status, string message, string requestId);

    public abstract void WriteModels(Utf8JsonWriter json, IReadOnlyList<string> models);
}
