namespace Chitin.Core.Sessions;

/// <summary>Converts between the persisted transcript and Microsoft.Extensions.AI chat messages.</summary>
public static class TranscriptMapper
{
    /// <summary>Text that prefixes a tool result the harness marked as an error.</summary>
    public const string ErrorPrefix = "ERROR: ";

    public static ChatMessage ToChatMessage(SessionMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Role)
        {
            case MessageRole.System:
                return new ChatMessage(ChatRole.System, message.Text ?? "");
            case MessageRole.User:
                return new ChatMessage(ChatRole.User, message.Text ?? "");
            case MessageRole.Assistant:
                var contents = new List<AIContent>();
                if (!string.IsNullOrEmpty(message.Text))
                {
                    contents.Add(new TextContent(message.Text));
                }

                foreach (var call in message.ToolCalls ?? [])
                {
                    contents.Add(new FunctionCallContent(call.Id, call.Name, ParseArguments(call.ArgumentsJson)));
                }

                return new ChatMessage(ChatRole.Assistant, contents);
            case MessageRole.Tool:
                var text = message.IsError ? ErrorPrefix + message.Text : message.Text ?? "";
                return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(message.ToolCallId ?? "", text)]);
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.Role, "Unknown message role.");
        }
    }

    /// <summary>Arguments as a dictionary of JSON values; anything that is not a JSON object becomes empty.</summary>
    public static Dictionary<string, object?> ParseArguments(string argumentsJson)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(argumentsJson))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(argumentsJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            foreach (var property in doc.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.Clone();
            }
        }
        catch (JsonException)
        {
            // Malformed arguments were answered with an error result when they happened; replay them as empty.
        }

        return result;
    }

    public static string SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null or { Count: 0 }
            ? "{}"
            : JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    internal static JsonElement ArgumentsElement(string argumentsJson)
    {
        using var doc = JsonDocument.Parse(argumentsJson);
        return doc.RootElement.Clone();
    }

    /// <summary>The stored form of a model's tool call; arguments that failed to parse are stored as <c>{}</c>.</summary>
    public static ToolCallRecord ToRecord(FunctionCallContent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.CallId, call.Name, call.Exception is null ? SerializeArguments(call.Arguments) : "{}");
    }
}
