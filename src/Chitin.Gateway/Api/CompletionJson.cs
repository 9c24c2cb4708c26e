namespace Chitin.Gateway.Api;

/// <summary>The OpenAI chat completion objects the gateway sends: whole completions and stream chunks.</summary>
public static class CompletionJson
{
    /// <summary>A <c>chat.completion.chunk</c>; null text and finish reason make the opening chunk with the role.</summary>
    public static void WriteChunk(IBufferWriter<byte> buffer, string id, long created, string model, string? text, string? finishReason, RunTotals? usage = null, bool noChoices = false)
    {
        using var w = new Utf8JsonWriter(buffer);
        w.WriteStartObject();
        WriteHeader(w, id, "chat.completion.chunk", created, model);
        w.WriteStartArray("choices");
        if (!noChoices)
        {
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            if (text is null && finishReason is null)
            {
                w.WriteString("role", "assistant");
                w.WriteString("content", "");
            }
            else if (text is not null)
            {
                w.WriteString("content", text);
            }

            w.WriteEndObject();
            w.WriteString("finish_reason", finishReason);

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (usage is not null)
        {
            WriteUsage(w, usage);
        }

        w.WriteEndObject();
    }

    public static void WriteCompletion(IBufferWriter<byte> buffer, string id, long created, string model, string text, string finishReason, RunTotals usage)
    {
        using var w = new Utf8JsonWriter(buffer);
        w.WriteStartObject();
        WriteHeader(w, id, "chat.completion", created, model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", text);
        w.WriteEndObject();
        w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, usage);
        w.WriteEndObject();
    }

    public static void WriteStreamError(IBufferWriter<byte> buffer, string code, string message)
    {
        using var w = new Utf8JsonWriter(buffer);
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", "server_error");
        w.WriteString("code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string FinishReason(RunStatus status) => status switch
    {
        RunStatus.LimitReached => "length",
        _ => "stop",
    };

    private static void WriteHeader(Utf8JsonWriter w, string id, string kind, long created, string model)
    {
        w.WriteString("id", id);
        w.WriteString("object", kind);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
    }

    private static void WriteUsage(Utf8JsonWriter w, RunTotals usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.InputTokens);
        w.WriteNumber("completion_tokens", usage.OutputTokens);
        w.WriteNumber("total_tokens", usage.InputTokens + usage.OutputTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", usage.CachedInputTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
