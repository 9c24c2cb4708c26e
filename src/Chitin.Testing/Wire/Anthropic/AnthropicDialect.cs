using System.Text.Json;
using Chitin.Testing.Scripting;

namespace Chitin.Testing.Wire.Anthropic;

/// <summary>Anthropic Messages.</summary>
internal sealed class AnthropicDialect : WireDialect
{
    public static readonly AnthropicDialect Instance = new();

    public override WireFormat Format => WireFormat.Anthropic;

    public override string ResponseIdPrefix => "msg_";

    public override string ToolCallIdPrefix => "toolu_";

    public override string RequestIdHeader => "request-id";

    public override ParsedChatRequest Parse(JsonElement root, int index) => AnthropicRequestParser.Parse(root, index);

    public override void WriteCompletion(Utf8JsonWriter json, ChatAnswer answer) => AnthropicMessageWriter.Write(json, answer);

    public override Task WriteStreamAsync(SseStream stream, ChatAnswer answer, ParsedChatRequest request) =>
        AnthropicStreamWriter.WriteAsync(stream, answer);

    public override void WriteError(Utf8JsonWriter json, int status, string message, string requestId) =>
        AnthropicErrorWriter.Write(json, status, message, requestId);

    public override void WriteModels(Utf8JsonWriter json, IReadOnlyList<string> models) => AnthropicModelListWriter.Write(json, models);
}
