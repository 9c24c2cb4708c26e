namespace Chitin.Mcp.Configuration;

/// <summary>One MCP server Chitin connects to, as configured under the "mcpServers" key.</summary>
public sealed record McpServerConfig
{
    public const int MaxNameLength = 32;

    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan DefaultToolTimeout = TimeSpan.FromSeconds(120);

    /// <summary>"deferTools": "auto" defers a server's tools when it offers more than this many.</summary>
    public const int AutoDeferThreshold = 8;

    public McpServerConfig(string name, McpTransportConfig transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (!IsValidName(name))
        {
            throw new ArgumentException(NameRule(name), nameof(name));
        }

        Name = name;
        Transport = transport;
    }

    /// <summary>Lowercase letters, digits, '-' and '_'; becomes part of each tool name (<c>mcp__name__tool</c>).</summary>
    public string Name { get; }

    public McpTransportConfig Transport { get; }

    public bool Enabled { get; init; } = true;

    /// <summary>How long the server may take to start and list its tools.</summary>
    public TimeSpan StartupTimeout
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The startup timeout must be positive.");
    } = DefaultStartupTimeout;

    /// <summary>How long one tool call may take before it is abandoned with an error result.</summary>
    public TimeSpan ToolTimeout
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The tool timeout must be positive.");
    } = DefaultToolTimeout;

    /// <summary>
    /// Tools are deferred (loaded on demand through tool_search) when the server offers more than this many; 0 always
    /// defers, null never does. From "deferTools": "auto" (<see cref="AutoDeferThreshold"/>), "always", "never" or a number.
    /// </summary>
    public int? DeferToolsAbove
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The deferral threshold must not be negative.");
    } = AutoDeferThreshold;

    /// <summary>Whether a server offering <paramref name="toolCount"/> tools has them deferred.</summary>
    public bool DefersTools(int toolCount) => DeferToolsAbove is { } above && toolCount > above;

    /// <summary>Where the server was configured (a file path), for messages.</summary>
    public string Origin { get; init; } = "(code)";

    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>
    /// Reads the value of the "mcpServers" key, in the shape Claude Code and Cursor use:
    /// <c>{"name": {"command": "npx", "args": [...], "env": {...}}, "remote": {"type": "http", "url": "...", "headers": {...}}}</c>.
    /// <c>${VAR}</c> and <c>${VAR:-default}</c> in command, args, env, cwd, url and headers expand from
    /// <paramref name="environment"/> (this process's environment when null).
    /// </summary>
    /// <param name="mcpServersObject">The "mcpServers" value; null or undefined means no servers.</param>
    /// <param name="origin">The file it came from, named in every error.</param>
    /// <returns>The servers sorted by name, disabled ones included (with <see cref="Enabled"/> false).</returns>
    /// <exception cref="McpConfigException">Anything is wrong; the message lists every problem with its server.</exception>
    public static IReadOnlyList<McpServerConfig> ParseAll(
        JsonElement mcpServersObject,
        string origin,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        return new McpConfigParser(origin, environment ?? EnvironmentExpander.ProcessEnvironment()).Parse(mcpServersObject);
    }

    internal static string NameRule(string? name)
    {
        var suggestion = new string((name ?? "").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        var hint = suggestion.Length is > 0 and <= MaxNameLength && suggestion != name ? $" (e.g. '{suggestion}')" : "";
        return $"'{name}' is not a valid server name: use 1-{MaxNameLength} lowercase letters, digits, '-' or '_'{hint}.";
    }
}
