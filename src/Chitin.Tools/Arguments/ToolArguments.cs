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
    private readonly List<string> _problems;
    private readonly string _prefix;

    private ToolArguments(ITool tool, JsonElement arguments, List<string> problems, string prefix)
    {
        _tool = tool;
        _arguments = arguments;
        _problems = problems;
        _prefix = prefix;
    }

    public static ToolArguments Of(ITool tool, ToolInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = new ToolArguments(tool, invocation.Arguments, [], "");
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
                _problems.Add($"'{_prefix}{name}' is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _problems.Add($"'{_prefix}{name}' must be a string, got {Describe(value)}");
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            _problems.Add($"'{_prefix}{name}' is not valid UTF-16 text (lone surrogate escape)");
            return null;
        }

        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            _problems.Add($"'{_prefix}{name}' must not be empty");
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
            _problems.Add($"'{_prefix}{name}' must be an integer, got {Describe(value)}");
            return null;
        }

        if (number < minimum)
        {
            _problems.Add($"'{_prefix}{name}' must be at least {minimum}, got {number}");
            return null;
        }

        return number;
    }

    /// <summary>An optional boolean field (true/false, or the strings "true"/"false"); null when absent or invalid.</summary>
    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        bool? flag = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            _ => null,
        };
        if (flag is null)
        {
            _problems.Add($"'{_prefix}{name}' must be true or false, got {Describe(value)}");
        }

        return flag;
    }

    /// <summary>A string field that must be one of <paramref name="choices"/>; null when absent or invalid.</summary>
    public string? Choice(string name, bool required, params string[] choices)
    {
        var text = String(name, required);
        if (text is null || choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        _problems.Add($"'{_prefix}{name}' must be one of {string.Join(", ", choices.Select(choice => $"\"{choice}\""))}, got {Quote("\"" + text + "\"")}");
        return null;
    }

    /// <summary>An array of strings; null when absent or invalid.</summary>
    public IReadOnlyList<string>? Strings(string name)
    {
        if (!TryGetArray(name, required: false, out var array))
        {
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { } text)
            {
                items.Add(text);
            }
            else
            {
                _problems.Add($"'{_prefix}{name}[{index}]' must be a string, got {Describe(item)}");
            }

            index++;
        }

        return items;
    }

    /// <summary>
    /// An array of objects, each read by its own <see cref="ToolArguments"/> whose problems name the item
    /// (e.g. 'edits[1].old'); null when absent or invalid.
    /// </summary>
    public IReadOnlyList<ToolArguments>? Objects(string name, bool required)
    {
        if (!TryGetArray(name, required, out var array))
        {
            return null;
        }

        var items = new List<ToolArguments>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemName = $"{_prefix}{name}[{index++}]";
            if (item.ValueKind == JsonValueKind.Object)
            {
                items.Add(new ToolArguments(_tool, item, _problems, itemName + "."));
            }
            else
            {
                _problems.Add($"'{itemName}' must be an object, got {Describe(item)}");
            }
        }

        return items;
    }

    /// <summary>Records a problem found by the tool itself (a rule the schema cannot express).</summary>
    public void Problem(string message) => _problems.Add(message);

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

    private bool TryGetArray(string name, bool required, out JsonElement array)
    {
        if (!TryGet(name, out array))
        {
            if (required)
            {
                _problems.Add($"'{_prefix}{name}' is required");
            }

            return false;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            _problems.Add($"'{_prefix}{name}' must be an array, got {Describe(array)}");
            return false;
        }

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
