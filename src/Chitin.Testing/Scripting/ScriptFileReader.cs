namespace Chitin.Testing.Scripting;

/// <summary>Turns script-file JSON into steps, with errors that say where and what is wrong.</summary>
internal static class ScriptFileReader
{
    private const string Shape =
        """{"model":"scripted-model","steps":[{"text":"…"},{"text":"optional","tool_calls":[{"name":"run_shell","arguments":{"command":"ls"}}]},{"error":{"status":500,"message":"…"}}]}""";

    public static (string? Model, ScriptStep[] Steps) Read(string json, string sourceName)
    {
        ScriptFileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ScriptFileJsonContext.Default.ScriptFileDocument);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{sourceName} is invalid {Where(exception)}: {Describe(exception)}", exception);
        }

        if (document?.Steps is null)
        {
            throw Invalid(sourceName, $"\"steps\" is missing. Expected {Shape}");
        }

        if (document.Steps.Count == 0)
        {
            throw Invalid(sourceName, "\"steps\" is empty: the first request would find the script exhausted");
        }

        var steps = new ScriptStep[document.Steps.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = ToStep(document.Steps[i], $"steps[{i}]", sourceName);
        }

        return (document.Model, steps);
    }

    private static ScriptStep ToStep(ScriptFileStep? step, string where, string sourceName)
    {
        if (step is null)
        {
            throw Invalid(sourceName, $"{where} is null; give \"text\", \"tool_calls\" or \"error\"");
        }

        if (step.ReasoningTokens is < 0)
        {
            throw Invalid(sourceName, $"{where}.reasoning_tokens is negative ({step.ReasoningTokens})");
        }

        var result = step switch
        {
            { Error: not null, Text: null, ToolCalls: null } => ToErrorStep(step.Error, where, sourceName),
            { Error: not null } => throw Invalid(sourceName, $"{where} has \"error\" together with \"text\" or \"tool_calls\"; an error step has only \"error\""),
            { ToolCalls: not null } => ToToolCallStep(step, where, sourceName),
            { Text: not null } => ScriptStep.Text(step.Text),
            _ => throw Invalid(sourceName, $"{where} is empty; give \"text\", \"tool_calls\" or \"error\""),
        };

        return step.ReasoningTokens is { } reasoning ? result.WithReasoningTokens(reasoning) : result;
    }

    private static ScriptStep ToErrorStep(ScriptFileError error, string where, string sourceName)
    {
        if (error.Status is not (>= 400 and <= 599))
        {
            throw Invalid(sourceName, $"{where}.error.status must be an HTTP error status from 400 to 599, got {error.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        }

        if (string.IsNullOrWhiteSpace(error.Message))
        {
            throw Invalid(sourceName, $"{where}.error.message is missing");
        }

        return ScriptStep.Error(error.Status.Value, error.Message);
    }

    private static ScriptStep ToToolCallStep(ScriptFileStep step, string where, string sourceName)
    {
        if (step.ToolCalls!.Count == 0)
        {
            throw Invalid(sourceName, $"{where}.tool_calls is empty; leave it out for a text step");
        }

        var calls = new ScriptToolCall[step.ToolCalls.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            var call = step.ToolCalls[i];
            var callWhere = $"{where}.tool_calls[{i}]";
            if (call is null || string.IsNullOrWhiteSpace(call.Name))
            {
                throw Invalid(sourceName, $"{callWhere} has no \"name\"");
            }

            calls[i] = new ScriptToolCall(call.Name, ArgumentsText(call, callWhere, sourceName), call.Id);
        }

        return ScriptStep.ToolCalls(step.Text ?? string.Empty, calls);
    }

    private static string ArgumentsText(ScriptFileToolCall call, string where, string sourceName)
    {
        if (call.Arguments is not { } arguments || arguments.ValueKind == JsonValueKind.Null)
        {
            return "{}";
        }

        if (arguments.ValueKind == JsonValueKind.Object)
        {
            return Compact(arguments);
        }

        if (arguments.ValueKind == JsonValueKind.String)
        {
            var text = arguments.GetString()!;
            try
            {
                using var parsed = JsonDocument.Parse(text);
                if (parsed.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return text;
                }
            }
            catch (JsonException exception)
            {
                throw Invalid(sourceName, $"{where}.arguments is a string that is not valid JSON ({exception.Message})");
            }
        }

        throw Invalid(sourceName, $"{where}.arguments must be a JSON object such as {{\"command\":\"ls\"}}, got {arguments.ValueKind}");
    }

    /// <summary>Models emit compact JSON; the file may be pretty-printed.</summary>
    private static string Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static InvalidDataException Invalid(string sourceName, string problem) => new($"{sourceName} is invalid: {problem}.");

    private static string Where(JsonException exception)
    {
        var path = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" (at {exception.Path})";
        return exception.LineNumber is { } line
            ? $"at line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}{path}"
            : path.Trim();
    }

    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var details = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (details > 0)
        {
            message = message[..details];
        }

        // The serializer names our internal types; say what a script file may contain instead.
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"{message.Split(" could not be mapped", 2)[0]} is not part of a script file, which looks like {Shape}";
        }

        return message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"this value has the wrong type; a script file looks like {Shape}"
            : message;
    }
}
