namespace Chitin.Testing.Wire.Anthropic;

/// <summary>Writes a non-streaming Messages response and the usage block both forms share.</summary>
internal static class AnthropicMessageWriter
{
    public static void Write(Utf8JsonWriter json, ChatAnswer answer)
    {
        json.WriteStartObject();
        json.WriteString("id", answer.Id);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", answer.Model);
        json.WriteStartArray("content");
        if (answer.Text.Length > 0)
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", answer.Text);
            json.WriteEndObject();
        }

        foreach (var call in answer.ToolCalls)
        {
            json.WriteStartObject();
            json.WriteString("type", "tool_use");
            json.WriteString("id", call.Id);
            json.WriteString("name", call.Name);
            json.WritePropertyName("input");
            if (call.ArgumentsAreValid)
            {
                json.WriteRawValue(call.Arguments, skipInputValidation: true);
            }
            else
            {
                // A broken input cannot be an object without breaking the whole body; a string is the next worst thing.
                json.WriteStringValue(call.Arguments);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("stop_reason", StopReason(answer));
        json.WriteNull("stop_sequence");
        WriteUsage(json, answer, answer.OutputTokens);
        json.WriteEndObject();
    }

    public static string StopReason(ChatAnswer answer) => answer.HasToolCalls ? "tool_use" : "end_turn";

    /// <summary>Anthropic usage: input_tokens excludes the tokens read from or written to the cache.</summary>
    public static void WriteUsage(Utf8JsonWriter json, ChatAnswer answer, int outputTokens)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", answer.UncachedInputTokens);
        json.WriteNumber("cache_creation_input_tokens", answer.CacheWriteTokens);
        json.WriteNumber("cache_read_input_tokens", answer.CachedTokens);
        json.WriteNumber("output_tokens", outputTokens);
        json.WriteEndObject();
    }
}
