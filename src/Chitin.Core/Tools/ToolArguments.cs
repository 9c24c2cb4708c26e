namespace Chitin.Core.Tools;

/// <summary>
/// The one reader of a model's arguments object: lenient (unknown fields ignored, "10" accepted as 10), it collects
/// every problem into one error that repeats the expected call shape, so the model can fix the call in one retry.
/// </summary>
public sealed class ToolArguments
{
    private const int MaxQuotedChars = 40;

    private readonly string _toolName;
    private readonly Func<string> _signature;
    private readonly JsonElement _arguments;
    private readonly List<string> _problems;
    private readonly string _prefix;

    private ToolArguments(string toolName, Func<string> signature, JsonElement arguments, List<string> problems, string prefix)
    {
        _toolName = toolName;
        _signature = signature;
        _arguments = arguments;
        _problems = problems;
        _prefix = prefix;
    }

    /// <summary>Errors repeat the signature rendered from the tool's parameters schema.</summary>
    public static ToolArguments Of(ITool tool, ToolInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return Of(invocation, () => SchemaSignature.Of(tool.ParametersSchema), tool.Name);
    }

    /// <param name="signature">The call shape repeated in errors, e.g. <c>{query: string, limit?: 1..20}</c>.</param>
    public static ToolArguments Of(ToolInvocation invocation, string signature) => Of(invocation, () => signature, null);

    private static ToolArguments Of(ToolInvocation invocation, Func<string> signature, string? toolName)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = new ToolArguments(toolName ?? invocation.ToolName, signature, invocation.Arguments, [], "");
        if (invocation.Arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            arguments._problems.Add($"arguments must be a JSON object, got {Describe(invocation.Arguments)}");
        }

        return arguments;
    }

    /// <summary>A string field as sent; null when absent or invalid (the problem is recorded when it matters).</summary>
    public string? String(string name, bool required, bool allowEmpty = false)
    {
        if (!TryGet(name, required, JsonValueKind.String, "a string", out var value))
        {
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

    /// <summary>A non-empty string field, trimmed; null when absent or invalid.</summary>
    public string? Text(string name, bool required) => String(name, required)?.Trim();

    /// <summary>An optional integer field within [<paramref name="minimum"/>, <paramref name="maximum"/>]; null when absent or invalid.</summary>
    public int? Integer(string name, int minimum, int maximum = int.MaxValue)
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

        if (number < minimum || number > maximum)
        {
            _problems.Add(maximum == int.MaxValue
                ? $"'{_prefix}{name}' must be at least {minimum}, got {number}"
                : $"'{_prefix}{name}' must be between {minimum} and {maximum}, got {number}");
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

        _problems.Add($"'{_prefix}{name}' must be one of {string.Join(", ", choices.Select(choice => $"\"{choice}\""))}, got {Quote(text)}");
        return null;
    }

    /// <summary>An array of strings as sent; null when absent or invalid.</summary>
    public IReadOnlyList<string>? Strings(string name) => ReadStrings(name, labels: false);

    /// <summary>An array of non-empty strings, trimmed and without duplicates; a single string counts as one item.</summary>
    public IReadOnlyList<string>? Labels(string name) =>
        TryGet(name, out var value) && value.ValueKind == JsonValueKind.String
            ? Text(name, required: false) is { } single ? [single] : null
            : ReadStrings(name, labels: true);

    /// <summary>
    /// An array of objects, each read by its own <see cref="ToolArguments"/> whose problems name the item
    /// (e.g. 'edits[1].old'); null when absent or invalid.
    /// </summary>
    public IReadOnlyList<ToolArguments>? Objects(string name, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.Array, "an array", out var array))
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
                items.Add(new ToolArguments(_toolName, _signature, item, _problems, itemName + "."));
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

    /// <summary>True when any field was missing or invalid; the error lists every problem and the expected call shape.</summary>
    public bool HasErrors([NotNullWhen(true)] out ToolResult? error)
    {
        if (_problems.Count == 0)
        {
            error = null;
            return false;
        }

        error = ToolResult.Error($"Invalid arguments for {_toolName}: {string.Join("; ", _problems)}. Expected {_signature()}.");
        return true;
    }

    /// <summary>"string \"abc\"", "number 42", "an array": how a wrong value is named in problems.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string " + Quote(value.GetString() ?? ""),
        JsonValueKind.Number => "number " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "boolean " + value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Quotes a value for a problem, cut to 40 characters.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + (text.Length <= MaxQuotedChars ? text : string.Concat(text.AsSpan(0, MaxQuotedChars), "…")) + "\"";
    }

    /// <summary>
    /// A string field read without validation, for code that inspects a call (permission rules, guards): null when
    /// absent, not an object or not a string.
    /// </summary>
    public static string? Peek(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private IReadOnlyList<string>? ReadStrings(string name, bool labels)
    {
        if (!TryGet(name, required: false, JsonValueKind.Array, "an array of strings", out var array))
        {
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (labels)
            {
                text = text?.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            }

            if (text is null)
            {
                _problems.Add($"'{_prefix}{name}[{index}]' must be a {(labels ? "non-empty " : "")}string, got {Describe(item)}");
            }
            else if (!labels || !items.Contains(text, StringComparer.Ordinal))
            {
                items.Add(text);
            }

            index++;
        }

        return items;
    }

    /// <summary>The field <paramref name="name"/> when it is present and of <paramref name="kind"/>; otherwise records why not (absent counts only when <paramref name="required"/>).</summary>
    private bool TryGet(string name, bool required, JsonValueKind kind, string what, out JsonElement value)
    {
        if (!TryGet(name, out value))
        {
            if (required)
            {
                _problems.Add($"'{_prefix}{name}' is required");
            }

            return false;
        }

        if (value.ValueKind != kind)
        {
            _problems.Add($"'{_prefix}{name}' must be {what}, got {Describe(value)}");
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
}
