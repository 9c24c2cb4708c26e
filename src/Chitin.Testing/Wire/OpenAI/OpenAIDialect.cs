using System.Text.Json;
using Chitin.Testing.Scripting;

namespace Chitin.Testing.Wire.OpenAI;

/// <summary>OpenAI Chat Completions.</summary>
internal sealed class OpenAIDialect : WireDialect
{
    public static readonly OpenAIDialect Instance = new();

    public override WireFormat Format => WireFormat.OpenAI;

    public override string ResponseIdPrefix => "chatcmpl-";

    public override string ToolCallIdPrefix => "call_";

    public override string RequestIdHeader => "x-request-id";

    public override ParsedChatRequest Parse(JsonElement root, int index) => OpenAIRequestParser.Parse(root, index);

    public override void WriteCompletion(Utf8JsonWriter json, ChatAnswer answer) => OpenAICompletionWriter.Write(json, answer);

    public override Task WriteStreamAsync(SseStream stream, ChatAnswer answer, ParsedChatRequest request) =>
        OpenAIStreamWriter.WriteAsync(stream, answer, request.IncludeUsage);

    public override void WriteError(Utf8JsonWriter json, int status, string message, string requestId) =>
        OpenAIErrorWriter.Write(json, status, message);

    public override void WriteModels(Utf8JsonWriter json, IReadOnlyList<string> models) => OpenAIModelListWriter.Write(json, models);
}
