namespace Chitin.Security.Permissions;

/// <summary>
/// The "permissions" section of a config file: rule lists, an optional mode, extra directories file tools may
/// use, and (meant for managed policy) a switch that forbids unrestricted mode.
/// </summary>
public sealed record PermissionSettings
{
    public static PermissionSettings Empty { get; } = new();

    public PermissionMode? Mode { get; init; }

    public IReadOnlyList<string> Allow { get; init; } = [];

    public IReadOnlyList<string> Ask { get; init; } = [];

    public IReadOnlyList<string> Deny { get; init; } = [];

    public IReadOnlyList<string> AdditionalDirectories { get; init; } = [];

    public bool DisableUnrestrictedMode { get; init; }

    /// <summary>
    /// Reads and validates a "permissions" object: <c>{"mode": "acceptEdits", "allow": ["run_shell(git status*)"],
    /// "ask": [], "deny": ["read_file(~/.ssh/**)"], "additionalDirectories": ["~/shared"], "disableUnrestrictedMode": true}</c>.
    /// </summary>
    /// <param name="origin">The file (or flag) it came from, named in every error.</param>
    /// <exception cref="PermissionConfigurationException">Unknown key or mode, wrong type or an invalid rule.</exception>
    public static PermissionSettings Parse(JsonElement element, string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(origin, "permissions", $"must be an object, got {Describe(element)}");
        }

        var settings = new PermissionSettings();
        foreach (var property in element.EnumerateObject())
        {
            settings = property.Name switch
            {
                "mode" => settings with { Mode = PermissionModes.Parse(ReadString(property, origin), $"permissions.mode of {origin}") },
                "allow" => settings with { Allow = ReadRules(property, origin) },
                "ask" => settings with { Ask = ReadRules(property, origin) },
                "deny" => settings with { Deny = ReadRules(property, origin) },
                "additionalDirectories" => settings with { AdditionalDirectories = ReadStrings(property, origin) },
                "disableUnrestrictedMode" => settings with { DisableUnrestrictedMode = ReadBoolean(property, origin) },
                _ => throw Error(origin, $"permissions.{property.Name}", "is not a permission setting (use mode, allow, ask, deny, additionalDirectories, disableUnrestrictedMode)"),
            };
        }

        return settings;
    }

    private static List<string> ReadRules(JsonProperty property, string origin)
    {
        var rules = ReadStrings(property, origin);
        for (var i = 0; i < rules.Count; i++)
        {
            _ = PermissionRule.Parse(rules[i], $"permissions.{property.Name}[{i}] of {origin}");
        }

        return rules;
    }

    private static List<string> ReadStrings(JsonProperty property, string origin)
    {
        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            throw Error(origin, $"permissions.{property.Name}", $"must be an array of strings, got {Describe(property.Value)}");
        }

        var values = new List<string>();
        var index = 0;
        foreach (var item in property.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw Error(origin, $"permissions.{property.Name}[{index}]", $"must be a non-empty string, got {Describe(item)}");
            }

            values.Add(item.GetString()!);
            index++;
        }

        return values;
    }

    private static string ReadString(JsonProperty property, string origin) =>
        property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw Error(origin, $"permissions.{property.Name}", $"must be a string, got {Describe(property.Value)}");

    private static bool ReadBoolean(JsonProperty property, string origin) => property.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(origin, $"permissions.{property.Name}", $"must be true or false, got {Describe(property.Value)}"),
    };

    private static PermissionConfigurationException Error(string origin, string key, string problem) =>
        new($"{key} in {origin} {problem}.");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };
}
