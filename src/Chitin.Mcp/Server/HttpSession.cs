namespace Chitin.Mcp.Server;

/// <summary>One Streamable HTTP session of <see cref="ChitinMcpHttpServer"/>: its transport and the MCP server running over it.</summary>
internal sealed class HttpSession(string id, StreamableHttpServerTransport transport, McpServer server, Task running) : IAsyncDisposable
{
    private int _getStarted;

    public string Id { get; } = id;

    public StreamableHttpServerTransport Transport { get; } = transport;

    public static HttpSession Start(string id, McpServerOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var transport = new StreamableHttpServerTransport(loggerFactory) { SessionId = id };
        var server = McpServer.Create(transport, options, loggerFactory);
        return new HttpSession(id, transport, server, server.RunAsync(cancellationToken));
    }

    /// <summary>Only one standalone GET stream per session.</summary>
    public bool TryStartGet() => Interlocked.Exchange(ref _getStarted, 1) == 0;

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync().ConfigureAwait(false);
        await server.DisposeAsync().ConfigureAwait(false);
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped with the server.
        }
    }
}
