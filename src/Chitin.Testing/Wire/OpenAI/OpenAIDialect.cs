namespace Chitin.Testing.Wire.OpenAI;

/// <summary>OpenAI Chat Completions.</summary>
internal sealed class OpenAIDialect() : WireDialect(WireFormat.OpenAI, "chatcmpl-", "call_", "x-request-id")
{
    public static WireDialect Instance { get; } = new OpenAIDialect();

    public override ParsedChatRequest Parse(JsonElement body, int index) => OpenAIRequestParser.Parse(body, index);

    public override void WriteCompletion(Utf8JsonWriter json, ChatAnswer answer) => OpenAICompletionWriter.Write(json, answer);

    public override Task WriteStreamAsync(SseStream stream, ChatAnswer answer, ParsedChatRequest request) =>
        OpenAIStreamWriter.WriteAsync(stream, answer, request.IncludeUsage);

    public override void WriteError(Utf8JsonWriter json, int status, string message, string requestId) =>
        OpenAIErrorWriter.Write(json, status, message);

    public override void WriteModels(Utf8JsonWriter json, IReadOnlyList<string> models) => OpenAIModelListWriter.Write(json, models);
}
