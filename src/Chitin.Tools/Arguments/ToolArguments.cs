using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Tools.Arguments;

/// <summary>
/// Reads a model's arguments object leniently (unknown fields ignored, "10" accepted as 10) and collects every
/// problem into one error that repeats the expected schema, so the model can fix the call in a single retry.
/// </summary>
internal sealed class ToolArguments
{
    private const int MaxQuotedChars = 40;

    private readonly ITool _tool;
    private readonly JsonElement _arguments;
    private readonly List<string> _problems = [];

    private ToolArguments(ITool tool, JsonElement arguments)
    {
        _tool = tool;
        _arguments = arguments;
    }

    public static ToolArguments Of(ITool tool, ToolInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = new ToolArguments(tool, invocation.Arguments);
        var kind = invocation.Arguments.ValueKind;
        if (kind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            arguments._problems.Add($"arguments must be a JSON object, got {Describe(invocation.Arguments)}");
        }

        return arguments;
    }

    /// <summary>A string field; null when absent or invalid (the problem is recorded when it matters).</summary>
    public string? String(string name, bool required, bool allowEmpty = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                _problems.Add($"'{name}' is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _problems.Add($"'{name}' must be a string, got {Describe(value)}");
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            _problems.Add($"'{name}' is not valid UTF-16 text (lone surrogate escape)");
            return null;
        }

        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            _problems.Add($"'{name}' must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>An optional integer field of at least <paramref name="minimum"/>; null when absent or invalid.</summary>
    public int? Integer(string name, int minimum)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        int? number = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var exact) => exact,
            JsonValueKind.Number when value.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) <= int.MaxValue => (int)real,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (number is null)
        {
            _problems.Add($"'{name}' must be an integer, got {Describe(value)}");
            return null;
        }

        if (number < minimum)
        {
            _problems.Add($"'{name}' must be at least {minimum}, got {number}");
            return null;
        }

        return number;
    }

    /// <summary>True when any field was missing or invalid; the error lists every problem and the expected schema.</summary>
    public bool HasErrors([NotNullWhen(true)] out ToolResult? error)
    {
        if (_problems.Count == 0)
        {
            error = null;
            return false;
        }

        error = ToolResult.Error(
            $"Invalid arguments for {_tool.Name}: {string.Join("; ", _problems)}. Expected {SchemaSignature.Of(_tool.ParametersSchema)}.");
        return true;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        if (_arguments.ValueKind == JsonValueKind.Object
            && _arguments.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"string {Quote(value.GetRawText())}",
        JsonValueKind.Number => $"number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Quote(string rawJsonString) =>
        rawJsonString.Length <= MaxQuotedChars ? rawJsonString : string.Concat(rawJsonString.AsSpan(0, MaxQuotedChars), "…\"");
}
