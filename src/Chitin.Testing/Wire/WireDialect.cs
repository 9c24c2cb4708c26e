namespace Chitin.Testing.Wire;

/// <summary>
/// Everything that differs between the OpenAI and Anthropic wire formats: a few names and the functions that read a
/// request and write each kind of answer. Each format fills one instance (<c>OpenAIDialect.Instance</c>,
/// <c>AnthropicDialect.Instance</c>).
/// </summary>
internal sealed class WireDialect
{
    public required WireFormat Format { get; init; }

    /// <summary>Prefix of response ids (<c>chatcmpl-</c>, <c>msg_</c>).</summary>
    public required string ResponseIdPrefix { get; init; }

    /// <summary>Prefix of generated tool-call ids (<c>call_</c>, <c>toolu_</c>).</summary>
    public required string ToolCallIdPrefix { get; init; }

    /// <summary>The response header carrying the request id.</summary>
    public required string RequestIdHeader { get; init; }

    /// <summary>Reads a request body; the int is the request's index on the server.</summary>
    public required Func<JsonElement, int, ParsedChatRequest> Parse { get; init; }

    public required Action<Utf8JsonWriter, ChatAnswer> WriteCompletion { get; init; }

    public required Func<SseStream, ChatAnswer, ParsedChatRequest, Task> WriteStreamAsync { get; init; }

    /// <summary>Writes an error body: status, message, request id.</summary>
    public required Action<Utf8JsonWriter, int, string, string> WriteError { get; init; }

    public required Action<Utf8JsonWriter, IReadOnlyList<string>> WriteModels { get; init; }
}
