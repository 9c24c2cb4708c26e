namespace Chitin.Testing.Wire.OpenAI;

/// <summary>Reads an OpenAI Chat Completions request body.</summary>
internal static class OpenAIRequestParser
{
    private const string ContentShapeError = "must be a string, an array of parts or null";

    public static ParsedChatRequest Parse(JsonElement root, int index)
    {
        JsonRead.RequireObject(root, "the request body");
        var model = JsonRead.RequiredString(root, "model", string.Empty);
        var stream = JsonRead.OptionalBool(root, "stream", string.Empty);
        var includeUsage = JsonRead.OptionalObject(root, "stream_options", string.Empty) is { } streamOptions
            && JsonRead.OptionalBool(streamOptions, "include_usage", "stream_options");

        var prompt = new CanonicalPromptBuilder();
        var toolNames = ReadTools(root, prompt);

        var messagesElement = JsonRead.RequiredArray(root, "messages", string.Empty);
        if (messagesElement.GetArrayLength() == 0)
        {
            throw new RequestParseException("messages must hold at least one message");
        }

        var messages = new List<ScriptMessage>(messagesElement.GetArrayLength());
        StringBuilder? system = null;
        foreach (var (element, where) in JsonRead.Objects(messagesElement, "messages"))
        {
            var message = ReadMessage(element, where, prompt);
            if (message.Role == ScriptRole.System)
            {
                system = system is null ? new StringBuilder(message.Text) : system.Append("\n\n").Append(message.Text);
            }
            else
            {
                messages.Add(message);
            }
        }

        return new ParsedChatRequest
        {
            Request = new ScriptRequest
            {
                WireFormat = WireFormat.OpenAI,
                Model = model,
                Stream = stream,
                SystemPrompt = system?.ToString(),
                Messages = messages,
                ToolNames = toolNames,
                Index = index,
                MaxTokens = ReadMaxTokens(root),
                Stop = ReadStop(root),
                JsonMode = JsonRead.OptionalObject(root, "response_format", string.Empty) is { } format
                    && JsonRead.OptionalString(format, "type", "response_format") is "json_object" or "json_schema",
            },
            PromptSegments = prompt.Segments,
            CacheBreakpointSegments = -1,
            IncludeUsage = includeUsage,
        };
    }

    private static int? ReadMaxTokens(JsonElement root)
    {
        foreach (var name in (string[])["max_completion_tokens", "max_tokens"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                return value.TryGetInt32(out var max) && max >= 1
                    ? max
                    : throw new RequestParseException($"{name} must be a whole number of at least 1");
            }
        }

        return null;
    }

    private static List<string> ReadStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            return [stop.GetString()!];
        }

        return stop.ValueKind == JsonValueKind.Array
            ? [.. stop.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)]
            : throw new RequestParseException("stop must be a string or an array of strings");
    }

    private static List<string> ReadTools(JsonElement root, CanonicalPromptBuilder prompt)
    {
        var names = new List<string>();
        if (JsonRead.OptionalArray(root, "tools", string.Empty) is not { } tools)
        {
            return names;
        }

        foreach (var (tool, where) in JsonRead.Objects(tools, "tools"))
        {
            var type = JsonRead.OptionalString(tool, "type", where) ?? "function";
            if (type != "function" || JsonRead.OptionalObject(tool, "function", where) is not { } function)
            {
                prompt.AppendOther(type, tool.GetRawText());
                continue;
            }

            var functionWhere = $"{where}.function";
            var name = JsonRead.RequiredString(function, "name", functionWhere);
            var schema = function.TryGetProperty("parameters", out var parameters) ? parameters.GetRawText() : null;
            prompt.AppendTool(name, JsonRead.OptionalString(function, "description", functionWhere), schema);
            names.Add(name);
        }

        return names;
    }

    private static ScriptMessage ReadMessage(JsonElement element, string where, CanonicalPromptBuilder prompt)
    {
        var roleName = JsonRead.RequiredString(element, "role", where);
        var role = roleName switch
        {
            "system" or "developer" => ScriptRole.System,
            "user" => ScriptRole.User,
            "assistant" => ScriptRole.Assistant,
            "tool" => ScriptRole.Tool,
            _ => throw new RequestParseException(
                $"{where}.role must be one of system, developer, user, assistant, tool; got '{roleName}'"),
        };

        if (role == ScriptRole.Tool)
        {
            var callId = JsonRead.RequiredString(element, "tool_call_id", where);
            var content = TextContent.Read(element, where, prompt, ContentShapeError);
            prompt.EndToolResult(callId, isError: false);
            prompt.EndMessage(roleName);
            return new ScriptMessage(role, string.Empty, [], [new ScriptToolResult(callId, content)]);
        }

        var text = TextContent.Read(element, where, prompt, ContentShapeError);
        var calls = role == ScriptRole.Assistant ? ReadToolCalls(element, where, prompt) : [];
        prompt.EndMessage(role == ScriptRole.System ? "system" : roleName);
        return new ScriptMessage(role, text, calls, []);
    }

    private static List<ScriptToolCall> ReadToolCalls(JsonElement message, string where, CanonicalPromptBuilder prompt)
    {
        var calls = new List<ScriptToolCall>();
        if (JsonRead.OptionalArray(message, "tool_calls", where) is not { } toolCalls)
        {
            return calls;
        }

        foreach (var (call, callWhere) in JsonRead.Objects(toolCalls, $"{where}.tool_calls"))
        {
            var id = JsonRead.RequiredString(call, "id", callWhere);
            var function = JsonRead.OptionalObject(call, "function", callWhere)
                ?? throw new RequestParseException($"{callWhere}.function is required");
            var name = JsonRead.RequiredString(function, "name", $"{callWhere}.function");
            var arguments = JsonRead.OptionalString(function, "arguments", $"{callWhere}.function") ?? string.Empty;
            prompt.AppendToolCall(id, name, arguments);
            calls.Add(new ScriptToolCall(name, arguments, id));
        }

        return calls;
    }
}
