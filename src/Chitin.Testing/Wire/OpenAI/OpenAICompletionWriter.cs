namespace Chitin.Testing.Wire.OpenAI;

/// <summary>Writes a non-streaming <c>chat.completion</c> object, and the header and usage block both forms share.</summary>
internal static class OpenAICompletionWriter
{
    public static void Write(Utf8JsonWriter json, ChatAnswer answer)
    {
        WriteHeader(json, answer, "chat.completion");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        if (answer.Text.Length == 0 && answer.HasToolCalls)
        {
            json.WriteNull("content");
        }
        else
        {
            json.WriteString("content", answer.Text);
        }

        json.WriteNull("refusal");
        if (answer.HasToolCalls)
        {
            json.WriteStartArray("tool_calls");
            foreach (var call in answer.ToolCalls)
            {
                json.WriteStartObject();
                json.WriteString("id", call.Id);
                json.WriteString("type", "function");
                json.WriteStartObject("function");
                json.WriteString("name", call.Name);
                json.WriteString("arguments", call.Arguments);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", FinishReason(answer));
        json.WriteEndObject();
        json.WriteEndArray();
        WriteUsage(json, answer);
        json.WriteNull("system_fingerprint");
        json.WriteEndObject();
    }

    public static string FinishReason(ChatAnswer answer) => answer.HasToolCalls ? "tool_calls" : "stop";

    /// <summary>Opens the object and writes what a completion and each stream chunk start with.</summary>
    public static void WriteHeader(Utf8JsonWriter json, ChatAnswer answer, string objectType)
    {
        json.WriteStartObject();
        json.WriteString("id", answer.Id);
        json.WriteString("object", objectType);
        json.WriteNumber("created", answer.CreatedUnixSeconds);
        json.WriteString("model", answer.Model);
    }

    public static void WriteUsage(Utf8JsonWriter json, ChatAnswer answer)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", answer.PromptTokens);
        json.WriteNumber("completion_tokens", answer.OutputTokens);
        json.WriteNumber("total_tokens", answer.PromptTokens + answer.OutputTokens);
        json.WriteStartObject("prompt_tokens_details");
        json.WriteNumber("cached_tokens", answer.CachedTokens);
        json.WriteNumber("audio_tokens", 0);
        json.WriteEndObject();
        json.WriteStartObject("completion_tokens_details");
        json.WriteNumber("reasoning_tokens", answer.ReasoningTokens);
        json.WriteNumber("audio_tokens", 0);
        json.WriteNumber("accepted_prediction_tokens", 0);
        json.WriteNumber("rejected_prediction_tokens", 0);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
