namespace Chitin.Security.Hooks;

/// <summary>
/// One hook: a shell command run at <see cref="Event"/> for tools whose name matches <see cref="Matcher"/>.
/// </summary>
public sealed record HookDefinition
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    public required HookEvent Event { get; init; }

    /// <summary>Tool-name glob, alternatives separated by '|' ("run_shell|write_file", "mcp__*"). Only for tool events.</summary>
    public string Matcher { get; init; } = "*";

    /// <summary>Run with /bin/sh -c in the workspace.</summary>
    public required string Command { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// Names of Chitin's environment variables the hook also gets, besides the minimal child environment (PATH,
    /// HOME, LANG, TERM, TMPDIR, LC_*). An exact name passes even when it looks like a secret; a '*' pattern never
    /// passes a secret-looking one.
    /// </summary>
    public IReadOnlyList<string> EnvPassthrough { get; init; } = [];

    /// <summary>The config file the hook came from, for messages.</summary>
    public string Origin { get; init; } = "";

    /// <summary>
    /// Reads the "hooks" config section: <c>{"before_tool": [{"matcher": "run_shell", "command": "./guard.sh",
    /// "timeout": 10, "envPassthrough": ["GITHUB_TOKEN"]}], "user_prompt": [{"command": "..."}]}</c>. Timeouts are in seconds.
    /// </summary>
    /// <exception cref="HookConfigurationException">Unknown event or key, missing command, bad timeout or matcher.</exception>
    public static IReadOnlyList<HookDefinition> Parse(JsonElement hooks, string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (hooks.ValueKind != JsonValueKind.Object)
        {
            throw Error(origin, "hooks", "must be an object whose keys are events (" + string.Join(", ", HookEventNames.All) + ")");
        }

        var definitions = new List<HookDefinition>();
        foreach (var group in hooks.EnumerateObject())
        {
            if (!HookEventNames.TryParse(group.Name, out var hookEvent))
            {
                throw Error(origin, $"hooks.{group.Name}", "is not a hook event; use one of " + string.Join(", ", HookEventNames.All));
            }

            if (group.Value.ValueKind != JsonValueKind.Array)
            {
                throw Error(origin, $"hooks.{group.Name}", "must be an array of {\"command\": ...} objects");
            }

            var index = 0;
            foreach (var item in group.Value.EnumerateArray())
            {
                definitions.Add(ParseOne(item, hookEvent, $"hooks.{group.Name}[{index++}]", origin));
            }
        }

        return definitions;
    }

    internal bool AppliesTo(string? toolName)
    {
        if (!HookEventNames.IsToolEvent(Event) || Matcher == "*")
        {
            return true;
        }

        if (toolName is null)
        {
            return false;
        }

        foreach (var alternative in Matcher.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Wildcard.IsMatch(alternative, toolName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How messages name the hook: its event, command (shortened) and file.</summary>
    internal string Describe()
    {
        var command = Command.Length > 60 ? Command[..57] + "..." : Command;
        return Origin.Length == 0
            ? $"{HookEventNames.ToName(Event)} hook \"{command}\""
            : $"{HookEventNames.ToName(Event)} hook \"{command}\" ({Origin})";
    }

    private static HookDefinition ParseOne(JsonElement item, HookEvent hookEvent, string key, string origin)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Error(origin, key, "must be an object like {\"command\": \"./check.sh\"}");
        }

        string? command = null;
        var matcher = "*";
        var timeout = DefaultTimeout;
        IReadOnlyList<string> passThrough = [];
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                case "command":
                    command = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (string.IsNullOrWhiteSpace(command))
                    {
                        throw Error(origin, $"{key}.command", "must be a non-empty string");
                    }

                    break;
                case "matcher":
                    matcher = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!.Trim() : "";
                    if (matcher.Length == 0)
                    {
                        throw Error(origin, $"{key}.matcher", "must be a non-empty tool-name glob such as \"run_shell\" or \"mcp__*\"");
                    }

                    if (matcher != "*" && !HookEventNames.IsToolEvent(hookEvent))
                    {
                        throw Error(origin, $"{key}.matcher", "only applies to before_tool and after_tool hooks; remove it");
                    }

                    break;
                case "timeout":
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var seconds) || seconds <= 0 || seconds > 3600)
                    {
                        throw Error(origin, $"{key}.timeout", "must be a number of seconds between 0 and 3600");
                    }

                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "envPassthrough":
                    passThrough = ParseNames(property.Value, $"{key}.envPassthrough", origin);
                    break;
                default:
                    throw Error(origin, $"{key}.{property.Name}", "is not a hook setting (use command, matcher, timeout, envPassthrough)");
            }
        }

        if (command is null)
        {
            throw Error(origin, key, "needs a \"command\"");
        }

        return new HookDefinition { Event = hookEvent, Matcher = matcher, Command = command, Timeout = timeout, EnvPassthrough = passThrough, Origin = origin };
    }

    private static string[] ParseNames(JsonElement value, string key, string origin)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(origin, key, "must be an array of environment variable names such as [\"GITHUB_TOKEN\"]");
        }

        var names = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '*'))
            {
                throw Error(origin, key, "must hold environment variable names (letters, digits, '_', '*' wildcards)");
            }

            names.Add(name);
        }

        return [.. names];
    }

    private static HookConfigurationException Error(string origin, string key, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{key} in {origin} {problem}."));
}
