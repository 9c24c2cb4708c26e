using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Memory.Tools;

/// <summary>
/// Reads a model's arguments object leniently (unknown fields ignored, "10" accepted as 10) and collects every
/// problem into one error that repeats the expected call shape, so the model can fix the call in a single retry.
/// </summary>
internal sealed class MemoryToolArguments
{
    private const int MaxQuotedChars = 40;

    private readonly string _toolName;
    private readonly string _signature;
    private readonly JsonElement _arguments;
    private readonly List<string> _problems = [];

    private MemoryToolArguments(string toolName, string signature, JsonElement arguments)
    {
        _toolName = toolName;
        _signature = signature;
        _arguments = arguments;
    }

    /// <param name="signature">The call shape repeated in errors, e.g. <c>{query: string, limit?: 1..20}</c>.</param>
    public static MemoryToolArguments Of(ToolInvocation invocation, string signature)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = new MemoryToolArguments(invocation.ToolName, signature, invocation.Arguments);
        if (invocation.Arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            arguments._problems.Add($"arguments must be a JSON object, got {Describe(invocation.Arguments)}");
        }

        return arguments;
    }

    /// <summary>A non-empty string field, trimmed; null when absent or invalid (the problem is recorded when it matters).</summary>
    public string? String(string name, bool required)
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
            text = value.GetString()!.Trim();
        }
        catch (InvalidOperationException)
        {
            _problems.Add($"'{name}' is not valid UTF-16 text (lone surrogate escape)");
            return null;
        }

        if (text.Length == 0)
        {
            _problems.Add($"'{name}' must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>An optional string field that must be one of the names of <typeparamref name="TEnum"/>, in lower case.</summary>
    public TEnum? Choice<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var text = String(name, required: false);
        if (text is null)
        {
            return null;
        }

        if (MemoryNames.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        _problems.Add($"'{name}' must be one of {string.Join(", ", MemoryNames.All<TEnum>().Select(n => $"\"{n}\""))}, got {Quote(text)}");
        return null;
    }

    /// <summary>An optional integer field within [<paramref name="minimum"/>, <paramref name="maximum"/>]; null when absent or invalid.</summary>
    public int? Integer(string name, int minimum, int maximum)
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

        if (number < minimum || number > maximum)
        {
            _problems.Add($"'{name}' must be between {minimum} and {maximum}, got {number}");
            return null;
        }

        return number;
    }

    /// <summary>An optional array of non-empty strings (trimmed, duplicates dropped); a single string is accepted as one item.</summary>
    public IReadOnlyList<string>? Strings(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return String(name, required: false) is { } single ? [single] : null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add($"'{name}' must be an array of strings, got {Describe(value)}");
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString()?.Trim() is { Length: > 0 } text)
            {
                if (!items.Contains(text, StringComparer.Ordinal))
                {
                    items.Add(text);
                }
            }
            else
            {
                _problems.Add($"'{name}[{index}]' must be a non-empty string, got {Describe(item)}");
            }

            index++;
        }

        return items;
    }

    /// <summary>
    /// An optional ISO 8601 date ("2026-12-31", meaning through the end of that day UTC) or date-time with offset.
    /// </summary>
    public DateTimeOffset? Date(string name)
    {
        var text = String(name, required: false);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            return moment.ToUniversalTime();
        }

        _problems.Add($"'{name}' must be an ISO date like \"2026-12-31\" or \"2026-12-31T18:00:00Z\", got {Quote(text)}");
        return null;
    }

    /// <summary>Records a problem found by the tool itself (a rule the schema cannot express).</summary>
    public void Problem(string message) => _problems.Add(message);

    /// <summary>True when any field was missing or invalid; the error lists every problem and the expected call shape.</summary>
    public bool HasErrors([NotNullWhen(true)] out ToolResult? error)
    {
        if (_problems.Count == 0)
        {
            error = null;
            return false;
        }

        error = ToolResult.Error($"Invalid arguments for {_toolName}: {string.Join("; ", _problems)}. Expected {_signature}.");
        return true;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        if (_arguments.ValueKind == JsonValueKind.Object && _arguments.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string " + Quote(value.GetString() ?? ""),
        JsonValueKind.Number => "number " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "boolean " + value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Quote(string text) =>
        "\"" + (text.Length <= MaxQuotedChars ? text : string.Concat(text.AsSpan(0, MaxQuotedChars), "…")) + "\"";
}
