namespace Chitin.Testing.Wire.Anthropic;

/// <summary>Anthropic Messages.</summary>
internal static class AnthropicDialect
{
    public static readonly WireDialect Instance = new()
    {
        Format = WireFormat.Anthropic,
        ResponseIdPrefix = "msg_",
        ToolCallIdPrefix = "toolu_",
        RequestIdHeader = "request-id",
        Parse = AnthropicRequestParser.Parse,
        WriteCompletion = AnthropicMessageWriter.Write,
        WriteStreamAsync = (stream, answer, _) => AnthropicStreamWriter.WriteAsync(stream, answer),
        WriteError = AnthropicErrorWriter.Write,
        WriteModels = AnthropicModelListWriter.Write,
    };
}
