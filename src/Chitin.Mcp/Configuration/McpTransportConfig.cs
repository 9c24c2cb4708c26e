namespace Chitin.Mcp.Configuration;

/// <summary>How Chitin reaches an MCP server: <see cref="McpStdioTransport"/> or <see cref="McpHttpTransport"/>.</summary>
public abstract record McpTransportConfig;
