namespace Chitin.Testing.Wire.Anthropic;

/// <summary>Reads an Anthropic Messages request body, noting cache_control breakpoints.</summary>
internal static class AnthropicRequestParser
{
    private const string ContentShapeError = "must be a string or an array of content blocks";

    public static ParsedChatRequest Parse(JsonElement root, int index)
    {
        JsonRead.RequireObject(root, "the request body");
        var model = JsonRead.RequiredString(root, "model", string.Empty);
        if (!root.TryGetProperty("max_tokens", out var maxTokens) || maxTokens.ValueKind != JsonValueKind.Number
            || !maxTokens.TryGetInt32(out var max) || max < 1)
        {
            throw new RequestParseException("max_tokens: Field required (a whole number of at least 1)");
        }

        var stream = JsonRead.OptionalBool(root, "stream", string.Empty);
        var prompt = new CanonicalPromptBuilder();
        var toolNames = ReadTools(root, prompt);
        var system = ReadSystem(root, prompt);

        var messagesElement = JsonRead.RequiredArray(root, "messages", string.Empty);
        if (messagesElement.GetArrayLength() == 0)
        {
            throw new RequestParseException("messages: at least one message is required");
        }

        var messages = new List<ScriptMessage>(messagesElement.GetArrayLength());
        foreach (var (element, where) in JsonRead.Objects(messagesElement, "messages"))
        {
            messages.Add(ReadMessage(element, where, prompt));
        }

        return new ParsedChatRequest
        {
            Request = new ScriptRequest
            {
                WireFormat = WireFormat.Anthropic,
                Model = model,
                Stream = stream,
                SystemPrompt = system,
                Messages = messages,
                ToolNames = toolNames,
                Index = index,
                MaxTokens = max,
                Stop = JsonRead.OptionalArray(root, "stop_sequences", string.Empty) is { } stops
                    ? [.. stops.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)]
                    : [],
            },
            PromptSegments = prompt.Segments,
            CacheBreakpointSegments = prompt.LastBreakpointSegments,
        };
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
            var name = JsonRead.RequiredString(tool, "name", where);
            var type = JsonRead.OptionalString(tool, "type", where) ?? "custom";
            if (type == "custom")
            {
                var schema = tool.TryGetProperty("input_schema", out var inputSchema) ? inputSchema.GetRawText() : null;
                prompt.AppendTool(name, JsonRead.OptionalString(tool, "description", where), schema);
            }
            else
            {
                prompt.AppendOther(type, tool.GetRawText());
            }

            names.Add(name);
            MarkIfCached(tool, where, prompt);
        }

        return names;
    }

    private static string? ReadSystem(JsonElement root, CanonicalPromptBuilder prompt)
    {
        if (!root.TryGetProperty("system", out var system) || system.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (system.ValueKind == JsonValueKind.String)
        {
            var text = system.GetString()!;
            prompt.AppendText(text);
            prompt.EndMessage("system");
            return text;
        }

        if (system.ValueKind != JsonValueKind.Array)
        {
            throw new RequestParseException("system must be a string or an array of text blocks");
        }

        var texts = new List<string>();
        foreach (var (block, where) in JsonRead.Objects(system, "system"))
        {
            var text = JsonRead.RequiredString(block, "text", where);
            prompt.AppendText(text);
            texts.Add(text);
            MarkIfCached(block, where, prompt);
        }

        prompt.EndMessage("system");
        return string.Join("\n\n", texts);
    }

    private static ScriptMessage ReadMessage(JsonElement element, string where, CanonicalPromptBuilder prompt)
    {
        var roleName = JsonRead.RequiredString(element, "role", where);
        var role = roleName switch
        {
            "user" => ScriptRole.User,
            "assistant" => ScriptRole.Assistant,
            _ => throw new RequestParseException($"{where}.role must be user or assistant; got '{roleName}'"),
        };

        if (!element.TryGetProperty("content", out var content))
        {
            throw new RequestParseException($"{where}.content is required");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString()!;
            prompt.AppendText(text);
            prompt.EndMessage(roleName);
            return new ScriptMessage(role, text, [], []);
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new RequestParseException($"{where}.content {ContentShapeError}");
        }

        var texts = new List<string>();
        var calls = new List<ScriptToolCall>();
        var results = new List<ScriptToolResult>();
        foreach (var (block, blockWhere) in JsonRead.Objects(content, $"{where}.content"))
        {
            ReadBlock(block, blockWhere, prompt, texts, calls, results);
            MarkIfCached(block, blockWhere, prompt);
        }

        prompt.EndMessage(roleName);
        return new ScriptMessage(role, string.Join('\n', texts), calls, results);
    }

    private static void ReadBlock(
        JsonElement block,
        string where,
        CanonicalPromptBuilder prompt,
        List<string> texts,
        List<ScriptToolCall> calls,
        List<ScriptToolResult> results)
    {
        var type = JsonRead.RequiredString(block, "type", where);
        switch (type)
        {
            case "text":
                var text = JsonRead.RequiredString(block, "text", where);
                prompt.AppendText(text);
                texts.Add(text);
                break;
            case "tool_use":
                var id = JsonRead.RequiredString(block, "id", where);
                var name = JsonRead.RequiredString(block, "name", where);
                var input = JsonRead.OptionalObject(block, "input", where)
                    ?? throw new RequestParseException($"{where}.input is required and must be an object");
                var arguments = input.GetRawText();
                prompt.AppendToolCall(id, name, arguments);
                calls.Add(new ScriptToolCall(name, arguments, id));
                break;
            case "tool_result":
                var callId = JsonRead.RequiredString(block, "tool_use_id", where);
                var isError = JsonRead.OptionalBool(block, "is_error", where);
                results.Add(new ScriptToolResult(callId, TextContent.Read(block, where, prompt, ContentShapeError), isError));
                prompt.EndToolResult(callId, isError);
                break;
            default:
                prompt.AppendOther(type, block.GetRawText());
                break;
        }
    }

    private static void MarkIfCached(JsonElement block, string where, CanonicalPromptBuilder prompt)
    {
        if (JsonRead.OptionalObject(block, "cache_control", where) is not null)
        {
            prompt.MarkBreakpoint();
        }
    }
}
