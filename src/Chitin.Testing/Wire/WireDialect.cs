using System.Text.Json;
using Chitin.Testing.Scripting;

namespace Chitin.Testing.Wire;

/// <summary>Everything that differs between the OpenAI and Anthropic wire formats.</summary>
internal abstract class WireDialect
{
    public abstract WireFormat Format { get; }

    /// <summary>Prefix of response ids (<c>chatcmpl-</c>, <c>msg_</c>).</summary>
    public abstract string ResponseIdPrefix { get; }

    /// <summary>Prefix of generated tool-call ids (<c>call_</c>, <c>toolu_</c>).</summary>
    public abstract string ToolCallIdPrefix { get; }

    /// <summary>The response header carrying the request id.</summary>
    public abstract string RequestIdHeader { get; }

    public abstract ParsedChatRequest Parse(JsonElement root, int index);

    public abstract void WriteCompletion(Utf8JsonWriter json, ChatAnswer answer);

    public abstract Task WriteStreamAsync(SseStream stream, ChatAnswer answer, ParsedChatRequest request);

    public abstract void WriteError(Utf8JsonWriter json, int status, string message, string requestId);

    public abstract void WriteModels(Utf8JsonWriter json, IReadOnlyList<string> models);
}
