namespace Chitin.Mcp.Server;

/// <summary>Settings for serving Chitin's tools over MCP.</summary>
public sealed record ChitinMcpServerOptions
{
    /// <summary>Consulted before every call so the host's permissions still apply; null runs every call.</summary>
    public IToolApprover? Approver { get; init; }

    /// <summary>Where the MCP SDK logs. Over stdio nothing may be written to stdout, so log to stderr or a file.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Optional instructions sent to the client in the handshake.</summary>
    public string? Instructions { get; init; }
}
