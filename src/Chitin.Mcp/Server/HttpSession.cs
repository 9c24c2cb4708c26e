using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Chitin.Mcp.Server;

/// <summary>One Streamable HTTP session of <see cref="ChitinMcpHttpServer"/>: its transport and the MCP server running over it.</summary>
internal sealed class HttpSession : IAsyncDisposable
{
    private readonly McpServer _server;
    private readonly Task _running;
    private int _getStarted;

    private HttpSession(string id, StreamableHttpServerTransport transport, McpServer server, Task running)
    {
        Id = id;
        Transport = transport;
        _server = server;
        _running = running;
    }

    public string Id { get; }

    public StreamableHttpServerTransport Transport { get; }

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
        await _server.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped with the server.
        }
    }
}
