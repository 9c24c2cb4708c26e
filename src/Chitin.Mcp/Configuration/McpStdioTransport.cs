namespace Chitin.Mcp.Configuration;

/// <summary>A local MCP server started as a child process that speaks JSON-RPC over its stdin and stdout.</summary>
public sealed record McpStdioTransport : McpTransportConfig
{
    public McpStdioTransport(string command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        Command = command;
    }

    /// <summary>Program to start: a name looked up on PATH, or a path.</summary>
    public string Command { get; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>
    /// The server's variables on top of the minimal child environment (PATH, HOME, LANG, TERM, TMPDIR, LC_*): nothing
    /// else of Chitin's environment reaches the server. Pass one through by name with <c>"NAME": "${NAME}"</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory of the server process; null means Chitin's own.</summary>
    public string? WorkingDirectory { get; init; }
}
