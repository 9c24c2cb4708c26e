namespace Chitin.Testing.Wire.Anthropic;

/// <summary>
/// Streams Messages events: message_start, ping, one text block of text_delta events, one tool_use block per call
/// whose input_json_delta pieces build the arguments, message_delta with the stop reason and the cumulative usage,
/// then message_stop.
/// </summary>
internal static class AnthropicStreamWriter
{
    public static async Task WriteAsync(SseStream stream, ChatAnswer answer)
    {
        var json = BeginEvent(stream, "message_start");
        json.WriteStartObject("message");
        json.WriteString("id", answer.Id);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", answer.Model);
        json.WriteStartArray("content");
        json.WriteEndArray();
        json.WriteNull("stop_reason");
        json.WriteNull("stop_sequence");
        AnthropicMessageWriter.WriteUsage(json, answer, outputTokens: 1);
        json.WriteEndObject();
        json.WriteEndObject();
        await stream.EndAsync();

        await WriteBareEventAsync(stream, "ping");

        var blockIndex = 0;
        if (answer.Text.Length > 0)
        {
            await WriteTextBlockAsync(stream, answer, blockIndex++);
        }

        foreach (var call in answer.ToolCalls)
        {
            await WriteToolUseBlockAsync(stream, answer, call, blockIndex++);
        }

        json = BeginEvent(stream, "message_delta");
        json.WriteStartObject("delta");
        json.WriteString("stop_reason", AnthropicMessageWriter.StopReason(answer));
        json.WriteNull("stop_sequence");
        json.WriteEndObject();
        AnthropicMessageWriter.WriteUsage(json, answer, answer.OutputTokens);
        json.WriteEndObject();
        await stream.EndAsync();

        await WriteBareEventAsync(stream, "message_stop");
    }

    private static async Task WriteTextBlockAsync(SseStream stream, ChatAnswer answer, int index)
    {
        var json = BeginBlockEvent(stream, "content_block_start", index);
        json.WriteStartObject("content_block");
        json.WriteString("type", "text");
        json.WriteString("text", string.Empty);
        json.WriteEndObject();
        json.WriteEndObject();
        await stream.EndAsync();

        foreach (var piece in TextChunker.Split(answer.Text, answer.ChunkChars))
        {
            await WriteDeltaAsync(stream, index, "text_delta", "text", piece);
        }

        await WriteBlockStopAsync(stream, index);
    }

    private static async Task WriteToolUseBlockAsync(SseStream stream, ChatAnswer answer, AnswerToolCall call, int index)
    {
        var json = BeginBlockEvent(stream, "content_block_start", index);
        json.WriteStartObject("content_block");
        json.WriteString("type", "tool_use");
        json.WriteString("id", call.Id);
        json.WriteString("name", call.Name);
        json.WriteStartObject("input");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        await stream.EndAsync();

        await WriteDeltaAsync(stream, index, "input_json_delta", "partial_json", string.Empty);
        foreach (var piece in TextChunker.Split(call.Arguments, answer.ChunkChars, minimumPieces: 2))
        {
            await WriteDeltaAsync(stream, index, "input_json_delta", "partial_json", piece);
        }

        await WriteBlockStopAsync(stream, index);
    }

    /// <summary>One content_block_delta event: a text_delta (field "text") or an input_json_delta (field "partial_json").</summary>
    private static ValueTask WriteDeltaAsync(SseStream stream, int index, string deltaType, string field, string piece)
    {
        var json = BeginBlockEvent(stream, "content_block_delta", index);
        json.WriteStartObject("delta");
        json.WriteString("type", deltaType);
        json.WriteString(field, piece);
        json.WriteEndObject();
        json.WriteEndObject();
        return stream.EndAsync();
    }

    /// <summary>An event that carries nothing but its type (ping, message_stop).</summary>
    private static ValueTask WriteBareEventAsync(SseStream stream, string type)
    {
        var json = BeginEvent(stream, type);
        json.WriteEndObject();
        return stream.EndAsync();
    }

    private static ValueTask WriteBlockStopAsync(SseStream stream, int index)
    {
        var json = BeginBlockEvent(stream, "content_block_stop", index);
        json.WriteEndObject();
        return stream.EndAsync();
    }

    private static Utf8JsonWriter BeginBlockEvent(SseStream stream, string type, int index)
    {
        var json = BeginEvent(stream, type);
        json.WriteNumber("index", index);
        return json;
    }

    /// <summary>Starts an event whose JSON repeats its name as "type", as every Messages stream event does.</summary>
    private static Utf8JsonWriter BeginEvent(SseStream stream, string type)
    {
        var json = stream.Begin(type);
        json.WriteStartObject();
        json.WriteString("type", type);
        return json;
    }
}
