namespace Chitin.Testing.Wire.OpenAI;

/// <summary>
/// Streams a <c>chat.completion.chunk</c> sequence: a role chunk, text deltas, each tool call announced with its id
/// and name and then its arguments in several pieces, a finish chunk, an optional usage chunk, then <c>[DONE]</c>.
/// </summary>
internal static class OpenAIStreamWriter
{
    public static async Task WriteAsync(SseStream stream, ChatAnswer answer, bool includeUsage)
    {
        var json = BeginChunk(stream, answer, includeUsage);
        json.WriteString("role", "assistant");
        json.WriteString("content", string.Empty);
        json.WriteNull("refusal");
        await EndChunkAsync(stream, json, finishReason: null);

        foreach (var piece in TextChunker.Split(answer.Text, answer.ChunkChars))
        {
            json = BeginChunk(stream, answer, includeUsage);
            json.WriteString("content", piece);
            await EndChunkAsync(stream, json, finishReason: null);
        }

        for (var index = 0; index < answer.ToolCalls.Count; index++)
        {
            var call = answer.ToolCalls[index];
            json = BeginToolCallChunk(stream, answer, includeUsage, index);
            json.WriteString("id", call.Id);
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", call.Name);
            json.WriteString("arguments", string.Empty);
            await EndToolCallChunkAsync(stream, json);

            foreach (var piece in TextChunker.Split(call.Arguments, answer.ChunkChars, minimumPieces: 2))
            {
                json = BeginToolCallChunk(stream, answer, includeUsage, index);
                json.WriteStartObject("function");
                json.WriteString("arguments", piece);
                await EndToolCallChunkAsync(stream, json);
            }
        }

        json = BeginChunk(stream, answer, includeUsage);
        await EndChunkAsync(stream, json, OpenAICompletionWriter.FinishReason(answer));

        if (includeUsage)
        {
            json = stream.Begin(eventName: null);
            WriteChunkHeader(json, answer);
            json.WriteStartArray("choices");
            json.WriteEndArray();
            OpenAICompletionWriter.WriteUsage(json, answer);
            json.WriteEndObject();
            await stream.EndAsync();
        }

        await stream.WriteDoneAsync();
    }

    private static void WriteChunkHeader(Utf8JsonWriter json, ChatAnswer answer)
    {
        OpenAICompletionWriter.WriteHeader(json, answer, "chat.completion.chunk");
        json.WriteNull("system_fingerprint");
    }

    /// <summary>Opens a chunk up to the inside of <c>choices[0].delta</c>.</summary>
    private static Utf8JsonWriter BeginChunk(SseStream stream, ChatAnswer answer, bool includeUsage)
    {
        var json = stream.Begin(eventName: null);
        WriteChunkHeader(json, answer);
        if (includeUsage)
        {
            json.WriteNull("usage");
        }

        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        return json;
    }

    private static ValueTask EndChunkAsync(SseStream stream, Utf8JsonWriter json, string? finishReason)
    {
        json.WriteEndObject(); // delta
        json.WriteNull("logprobs");
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }

        json.WriteEndObject(); // choice
        json.WriteEndArray(); // choices
        json.WriteEndObject(); // chunk
        return stream.EndAsync();
    }

    /// <summary>Opens a chunk up to the inside of <c>choices[0].delta.tool_calls[0]</c>, index already written.</summary>
    private static Utf8JsonWriter BeginToolCallChunk(SseStream stream, ChatAnswer answer, bool includeUsage, int index)
    {
        var json = BeginChunk(stream, answer, includeUsage);
        json.WriteStartArray("tool_calls");
        json.WriteStartObject();
        json.WriteNumber("index", index);
        return json;
    }

    private static ValueTask EndToolCallChunkAsync(SseStream stream, Utf8JsonWriter json)
    {
        json.WriteEndObject(); // function
        json.WriteEndObject(); // tool call
        json.WriteEndArray(); // tool_calls
        return EndChunkAsync(stream, json, finishReason: null);
    }
}
