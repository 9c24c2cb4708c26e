namespace Chitin.Testing.Wire.OpenAI;

/// <summary>OpenAI Chat Completions.</summary>
internal static class OpenAIDialect
{
    public static readonly WireDialect Instance = new()
    {
        Format = WireFormat.OpenAI,
        ResponseIdPrefix = "chatcmpl-",
        ToolCallIdPrefix = "call_",
        RequestIdHeader = "x-request-id",
        Parse = OpenAIRequestParser.Parse,
        WriteCompletion = OpenAICompletionWriter.Write,
        WriteStreamAsync = (stream, answer, request) => OpenAIStreamWriter.WriteAsync(stream, answer, request.IncludeUsage),
        WriteError = (json, status, message, _) => OpenAIErrorWriter.Write(json, status, message),
        WriteModels = OpenAIModelListWriter.Write,
    };
}
