namespace Chitin.Testing.Wire.Anthropic;

/// <summary>Anthropic Messages.</summary>
internal sealed class AnthropicDialect() : WireDialect(WireFormat.Anthropic, "msg_", "toolu_", "request-id")
{
    public static WireDialect Instance { get; } = new AnthropicDialect();

    public override ParsedChatRequest Parse(JsonElement body, int index) => AnthropicRequestParser.Parse(body, index);

    public override void WriteCompletion(Utf8JsonWriter json, ChatAnswer answer) => AnthropicMessageWriter.Write(json, answer);

    public override Task WriteStreamAsync(SseStream stream, ChatAnswer answer, ParsedChatRequest request) =>
        AnthropicStreamWriter.WriteAsync(stream, answer);

    public override void WriteError(Utf8JsonWriter json, int status, string message, string requestId) =>
        AnthropicErrorWriter.Write(json, status, message, requestId);

    public override void WriteModels(Utf8JsonWriter json, IReadOnlyList<string> models) => AnthropicModelListWriter.Write(json, models);
}
