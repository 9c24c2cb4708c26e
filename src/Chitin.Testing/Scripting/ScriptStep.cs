namespace Chitin.Testing.Scripting;

/// <summary>One answer of the scripted model: text, tool calls (optionally after some text), or an HTTP error.</summary>
public sealed record ScriptStep
{
    private ScriptStep()
    {
    }

    /// <summary>The text the model answers with (streamed in several deltas); empty when it only calls tools.</summary>
    public string Content { get; private init; } = string.Empty;

    /// <summary>The tool calls the model makes; empty for a plain text answer.</summary>
    public IReadOnlyList<ScriptToolCall> Calls { get; private init; } = [];

    /// <summary>The HTTP status of an error step; null for an answer.</summary>
    public int? ErrorStatus { get; private init; }

    /// <summary>The message of an error step; null for an answer.</summary>
    public string? ErrorMessage { get; private init; }

    /// <summary>Hidden reasoning tokens reported in usage (added to the output tokens, as providers do).</summary>
    public int ReasoningTokens { get; private init; }

    public bool IsError => ErrorStatus is not null;

    /// <summary>A plain text answer.</summary>
    public static ScriptStep Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ScriptStep { Content = text };
    }

    /// <summary>An answer that calls one or more tools.</summary>
    public static ScriptStep ToolCalls(params ScriptToolCall[] calls) => ToolCalls(string.Empty, calls);

    /// <summary>An answer that says <paramref name="text"/> and then calls one or more tools.</summary>
    /// <exception cref="ArgumentException">No call is given, or a call has no name or arguments that are not a JSON object.</exception>
    public static ScriptStep ToolCalls(string text, params ScriptToolCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Length == 0)
        {
            throw new ArgumentException("A tool-call step needs at least one tool call.", nameof(calls));
        }

        foreach (var call in calls)
        {
            Validate(call);
        }

        return new ScriptStep { Content = text, Calls = calls.ToArray() };
    }

    /// <summary>An HTTP error in the wire format's own error shape, e.g. 400 for a rejected request.</summary>
    public static ScriptStep Error(int status, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new ScriptStep { ErrorStatus = status, ErrorMessage = message };
    }

    /// <summary>The same answer, reporting <paramref name="tokens"/> reasoning tokens in its usage.</summary>
    public ScriptStep WithReasoningTokens(int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        return this with { ReasoningTokens = tokens };
    }

    public override string ToString() =>
        IsError ? $"Error({ErrorStatus}: {ErrorMessage})"
        : Calls.Count > 0 ? $"ToolCalls({string.Join(", ", Calls.Select(call => call.Name))})"
        : $"Text({Content})";

    private static void Validate(ScriptToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (string.IsNullOrWhiteSpace(call.Name))
        {
            throw new ArgumentException("A scripted tool call needs a name.", nameof(call));
        }

        try
        {
            using var arguments = JsonDocument.Parse(call.ArgumentsJson ?? string.Empty);
            if (arguments.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException(
                    $"The arguments of scripted tool call '{call.Name}' must be a JSON object, not {arguments.RootElement.ValueKind}: {call.ArgumentsJson}",
                    nameof(call));
            }
        }
        catch (JsonException exception)
        {
            throw new ArgumentException(
                $"The arguments of scripted tool call '{call.Name}' are not valid JSON ({exception.Message}): {call.ArgumentsJson}. Use Fault.MalformedToolCallJson() to send broken arguments.",
                nameof(call),
                exception);
        }
    }
}
