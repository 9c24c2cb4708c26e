namespace Chitin.Mcp.Configuration;

/// <summary>Turns one file's "mcpServers" object into <see cref="McpServerConfig"/>s, collecting every problem before failing.</summary>
internal sealed class McpConfigParser(string origin, IReadOnlyDictionary<string, string> environment)
{
    private static readonly string[] KnownKeys =
    [
        "type", "command", "args", "env", "cwd", "workingDirectory", "url", "headers", "oauth",
        "enabled", "disabled", "startupTimeoutSeconds", "toolTimeoutSeconds", "deferTools",
    ];

    // Keys other clients (Claude Desktop, Cline, Roo) write into the same shape; accepted so files can be shared.
    private static readonly string[] ForeignKeys = ["description", "autoApprove", "alwaysAllow", "$comment"];

    private static readonly string[] OAuthKeys = ["clientId", "clientSecret", "scopes", "clientMetadataUrl"];

    private readonly List<string> _problems = [];

    public IReadOnlyList<McpServerConfig> Parse(JsonElement servers)
    {
        if (servers.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        if (servers.ValueKind != JsonValueKind.Object)
        {
            throw new McpConfigException(origin, [$"\"mcpServers\" must be an object mapping server names to their settings, not {Describe(servers)}."]);
        }

        var parsed = new List<McpServerConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in servers.EnumerateObject())
        {
            if (!seen.Add(server.Name))
            {
                _problems.Add($"server '{server.Name}' is defined twice.");
                continue;
            }

            if (ParseServer(server.Name, server.Value) is { } config)
            {
                parsed.Add(config);
            }
        }

        if (_problems.Count > 0)
        {
            throw new McpConfigException(origin, _problems);
        }

        return parsed.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
    }

    private McpServerConfig? ParseServer(string name, JsonElement value)
    {
        var before = _problems.Count;
        if (!McpServerConfig.IsValidName(name))
        {
            _problems.Add(McpServerConfig.NameRule(name));
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(name, $"settings must be an object such as {{\"command\": \"npx\", \"args\": [...]}} or {{\"type\": \"http\", \"url\": \"...\"}}, not {Describe(value)}.");
            return null;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!KnownKeys.Contains(property.Name, StringComparer.Ordinal) && !ForeignKeys.Contains(property.Name, StringComparer.Ordinal))
            {
                Problem(name, $"unknown setting '{property.Name}'; known settings are {string.Join(", ", KnownKeys)}.");
            }
        }

        var transport = ParseTransport(name, value);
        var enabled = ReadBool(name, value, "enabled") ?? !(ReadBool(name, value, "disabled") ?? false);
        var startup = ReadSeconds(name, value, "startupTimeoutSeconds") ?? McpServerConfig.DefaultStartupTimeout;
        var tool = ReadSeconds(name, value, "toolTimeoutSeconds") ?? McpServerConfig.DefaultToolTimeout;
        var deferAbove = ReadDeferral(name, value);
        if (_problems.Count > before || transport is null)
        {
            return null;
        }

        return new McpServerConfig(name, transport)
        {
            Enabled = enabled,
            StartupTimeout = startup,
            ToolTimeout = tool,
            DeferToolsAbove = deferAbove,
            Origin = origin,
        };
    }

    private McpTransportConfig? ParseTransport(string name, JsonElement value)
    {
        var type = ReadString(name, value, "type");
        var hasCommand = value.TryGetProperty("command", out _);
        var hasUrl = value.TryGetProperty("url", out _);
        switch (type)
        {
            case null when hasCommand && hasUrl:
                Problem(name, "has both \"command\" (a local server) and \"url\" (a remote server); keep one.");
                return null;
            case null when hasCommand:
            case "stdio":
                return ParseStdio(name, value);
            case null when hasUrl:
                return ParseHttp(name, value, McpHttpMode.AutoDetect);
            case null:
                Problem(name, "needs either \"command\" (a local server started by Chitin) or \"url\" (a remote server).");
                return null;
            case "http" or "streamable-http" or "streamableHttp":
                return ParseHttp(name, value, McpHttpMode.StreamableHttp);
            case "sse":
                return ParseHttp(name, value, McpHttpMode.Sse);
            default:
                Problem(name, $"unknown \"type\" '{type}'; use \"stdio\", \"http\" or \"sse\".");
                return null;
        }
    }

    private McpStdioTransport? ParseStdio(string name, JsonElement value)
    {
        RejectKeys(name, value, "a stdio server", "url", "headers", "oauth");
        var command = ReadString(name, value, "command");
        if (string.IsNullOrWhiteSpace(command))
        {
            ProblemIfBlank(name, value, "command", "\"command\" is required for a stdio server and must be a non-empty string, e.g. \"npx\".");
            return null;
        }

        var workingDirectory = ReadString(name, value, "cwd") ?? ReadString(name, value, "workingDirectory");
        return new McpStdioTransport(Expand(name, "command", command))
        {
            Args = ReadStringArray(name, value, "args").Select((a, i) => Expand(name, $"args[{i}]", a)).ToArray(),
            Env = ReadStringMap(name, value, "env"),
            WorkingDirectory = workingDirectory is null ? null : Expand(name, "cwd", workingDirectory),
        };
    }

    private McpHttpTransport? ParseHttp(string name, JsonElement value, McpHttpMode mode)
    {
        RejectKeys(name, value, "an http server", "command", "args", "env", "cwd", "workingDirectory");
        var text = ReadString(name, value, "url");
        if (string.IsNullOrWhiteSpace(text))
        {
            ProblemIfBlank(name, value, "url", "\"url\" is required for an http server, e.g. \"http://127.0.0.1:3001/mcp\".");
            return null;
        }

        var expanded = Expand(name, "url", text);
        if (!Uri.TryCreate(expanded, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            Problem(name, $"\"url\" '{expanded}' is not an absolute http:// or https:// URL.");
            return null;
        }

        return new McpHttpTransport(url) { Headers = ReadStringMap(name, value, "headers"), Mode = mode, OAuth = ParseOAuth(name, value) };
    }

    /// <summary>"oauth": { "clientId", "clientSecret"?, "scopes"?, "clientMetadataUrl"? }.</summary>
    private McpOAuthSettings? ParseOAuth(string name, JsonElement value)
    {
        if (!value.TryGetProperty("oauth", out var oauth))
        {
            return null;
        }

        if (oauth.ValueKind != JsonValueKind.Object)
        {
            Problem(name, $"\"oauth\" must be an object such as {{\"clientId\": \"...\", \"scopes\": [\"read\"]}}, not {Describe(oauth)}.");
            return null;
        }

        foreach (var property in oauth.EnumerateObject().Where(p => !OAuthKeys.Contains(p.Name, StringComparer.Ordinal)))
        {
            Problem(name, $"unknown setting 'oauth.{property.Name}'; known settings are {string.Join(", ", OAuthKeys)}.");
        }

        var clientId = ReadString(name, oauth, "clientId");
        var secret = ReadString(name, oauth, "clientSecret");
        var metadata = ReadString(name, oauth, "clientMetadataUrl");
        Uri? metadataUrl = null;
        if (metadata is not null && (!Uri.TryCreate(Expand(name, "oauth.clientMetadataUrl", metadata), UriKind.Absolute, out metadataUrl) || metadataUrl.Scheme != Uri.UriSchemeHttps))
        {
            Problem(name, $"\"oauth.clientMetadataUrl\" '{metadata}' must be an absolute https:// URL.");
            metadataUrl = null;
        }

        if (secret is not null && clientId is null)
        {
            Problem(name, "\"oauth.clientSecret\" needs \"oauth.clientId\" too.");
        }

        return new McpOAuthSettings
        {
            ClientId = clientId is null ? null : Expand(name, "oauth.clientId", clientId),
            ClientSecret = secret is null ? null : Expand(name, "oauth.clientSecret", secret),
            Scopes = ReadStringArray(name, oauth, "scopes"),
            ClientMetadataUrl = metadataUrl,
        };
    }

    private void RejectKeys(string name, JsonElement value, string kind, params string[] keys)
    {
        foreach (var key in keys.Where(k => value.TryGetProperty(k, out _)))
        {
            Problem(name, $"\"{key}\" does not apply to {kind}.");
        }
    }

    private string Expand(string name, string where, string text)
    {
        var missing = new List<string>();
        var expanded = EnvironmentExpander.Expand(text, environment, missing);
        foreach (var variable in missing)
        {
            Problem(name, $"{where} refers to ${{{variable}}}, which is not set; set the environment variable or write ${{{variable}:-default}}.");
        }

        return expanded;
    }

    private string? ReadString(string name, JsonElement value, string key) =>
        TryRead(name, value, key, "a string", p => p.ValueKind == JsonValueKind.String, out var property) ? property.GetString() : null;

    private bool? ReadBool(string name, JsonElement value, string key) =>
        TryRead(name, value, key, "true or false", p => p.ValueKind is JsonValueKind.True or JsonValueKind.False, out var property)
            ? property.GetBoolean()
            : null;

    private TimeSpan? ReadSeconds(string name, JsonElement value, string key) =>
        TryRead(name, value, key, "a number of seconds between 0 and 86400 (exclusive of 0)", IsSeconds, out var property)
            ? TimeSpan.FromSeconds(property.GetDouble())
            : null;

    private static bool IsSeconds(JsonElement property) =>
        property.ValueKind == JsonValueKind.Number && property.TryGetDouble(out var seconds) && seconds > 0 && seconds <= 86_400;

    /// <summary>An optional key: false when it is absent, and when it holds something else than <paramref name="expected"/> (a problem says so).</summary>
    private bool TryRead(string name, JsonElement value, string key, string expected, Func<JsonElement, bool> fits, out JsonElement property)
    {
        if (!value.TryGetProperty(key, out property))
        {
            return false;
        }

        if (fits(property))
        {
            return true;
        }

        Problem(name, $"\"{key}\" must be {expected}, not {Describe(property)}.");
        return false;
    }

    /// <summary>"deferTools": "auto", "always", "never" or a whole number (defer when the server offers more tools).</summary>
    private int? ReadDeferral(string name, JsonElement value)
    {
        if (!value.TryGetProperty("deferTools", out var property))
        {
            return McpServerConfig.AutoDeferThreshold;
        }

        switch (property.ValueKind)
        {
            case JsonValueKind.String when property.GetString() == "auto":
                return McpServerConfig.AutoDeferThreshold;
            case JsonValueKind.String when property.GetString() == "always":
                return 0;
            case JsonValueKind.String when property.GetString() == "never":
                return null;
            case JsonValueKind.Number when property.TryGetInt32(out var above) && above >= 0:
                return above;
            default:
                Problem(name, $"\"deferTools\" must be \"auto\" (defer above {McpServerConfig.AutoDeferThreshold} tools), \"always\", \"never\" or a whole number of tools above which to defer, not {(property.ValueKind == JsonValueKind.String ? $"\"{property.GetString()}\"" : Describe(property))}.");
                return McpServerConfig.AutoDeferThreshold;
        }
    }

    private string[] ReadStringArray(string name, JsonElement value, string key)
    {
        if (!value.TryGetProperty(key, out var property))
        {
            return [];
        }

        if (property.ValueKind != JsonValueKind.Array)
        {
            Problem(name, $"\"{key}\" must be an array of strings, not {Describe(property)}.");
            return [];
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in property.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
            else
            {
                Problem(name, $"\"{key}[{index}]\" must be a string, not {Describe(item)}.");
            }

            index++;
        }

        return items.ToArray();
    }

    private Dictionary<string, string> ReadStringMap(string name, JsonElement value, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!value.TryGetProperty(key, out var property))
        {
            return map;
        }

        if (property.ValueKind != JsonValueKind.Object)
        {
            Problem(name, $"\"{key}\" must be an object of string values, not {Describe(property)}.");
            return map;
        }

        foreach (var entry in property.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.String)
            {
                map[entry.Name] = Expand(name, $"{key}.{entry.Name}", entry.Value.GetString()!);
            }
            else
            {
                Problem(name, $"\"{key}.{entry.Name}\" must be a string, not {Describe(entry.Value)}.");
            }
        }

        return map;
    }

    /// <summary>Reports a required string as missing unless it was already reported as having the wrong type.</summary>
    private void ProblemIfBlank(string name, JsonElement value, string key, string message)
    {
        if (!value.TryGetProperty(key, out var property) || property.ValueKind == JsonValueKind.String)
        {
            Problem(name, message);
        }
    }

    private void Problem(string name, string message) => _problems.Add($"server '{name}': {message}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
