namespace Chitin.Mcp.Configuration;

/// <summary>Which HTTP flavour of MCP a remote server speaks.</summary>
public enum McpHttpMode
{
    /// <summary>Streamable HTTP (the current MCP transport); config <c>"type": "http"</c>.</summary>
    StreamableHttp,

    /// <summary>The deprecated HTTP+SSE transport; config <c>"type": "sse"</c>.</summary>
    Sse,

    /// <summary>Try Streamable HTTP, fall back to SSE; a <c>"url"</c> without a <c>"type"</c>.</summary>
    AutoDetect,
}
