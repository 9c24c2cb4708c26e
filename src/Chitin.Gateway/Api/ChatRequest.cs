namespace Chitin.Gateway.Api;

/// <summary>
/// What the gateway reads of an OpenAI chat completion request. Only the last user message is the new turn: the
/// session already holds the history, so earlier messages a client resends are not repeated to the model.
/// </summary>
public sealed record ChatRequest(string Model, string Prompt, bool Stream, bool IncludeUsage, string? User)
{
    /// <summary>Parses the body; throws <see cref="FormatException"/> with a message for the client.</summary>
    public static ChatRequest Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The body is not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The body must be a JSON object with \"model\" and \"messages\".");
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : throw new FormatException("\"model\" is required (\"chitin\" for the default agent).");
            if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("\"messages\" must be an array of {role, content}.");
            }

            var prompt = LastUserText(messages) ?? throw new FormatException("\"messages\" has no user message with text.");
            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            var usage = root.TryGetProperty("stream_options", out var o) && o.ValueKind == JsonValueKind.Object
                && o.TryGetProperty("include_usage", out var u) && u.ValueKind == JsonValueKind.True;
            var user = root.TryGetProperty("user", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return new ChatRequest(model, prompt, stream, usage, string.IsNullOrWhiteSpace(user) ? null : user);
        }
    }

    private static string? LastUserText(JsonElement messages)
    {
        for (var i = messages.GetArrayLength() - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueEquals("user")
                && message.TryGetProperty("content", out var content))
            {
                var text = TextOf(content);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    return text;
                }
            }
        }

        return null;
    }

    private static string? TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type) && type.ValueEquals("text")
                && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(text.Length > 0 ? "\n" : "").Append(value.GetString());
            }
        }

        return text.ToString();
    }
}
