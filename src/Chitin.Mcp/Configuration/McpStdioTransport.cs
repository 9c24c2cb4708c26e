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

    /// <summary>Variables added to (or overriding) the inherited environment of the server process.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory of the server process; null means Chitin's own.</summary>
    public string? WorkingDirectory { get; init; }
}
