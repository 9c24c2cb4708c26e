namespace Chitin.Mcp.Server;

/// <summary>
/// <c>chitin mcp serve --http</c>: Chitin's tools over Streamable HTTP at <c>http://127.0.0.1:PORT/mcp</c>. The SDK's
/// <see cref="StreamableHttpServerTransport"/> (ModelContextProtocol.Core) speaks the protocol; System.Net.HttpListener
/// carries it, so the CLI needs no ASP.NET Core. Every request must carry the bearer token (the gateway's), and the
/// Host and Origin headers must name this loopback server (DNS-rebinding protection).
/// </summary>
public sealed class ChitinMcpHttpServer : IAsyncDisposable
{
    private const string Path = "/mcp";

    private readonly HttpListener _listener;
    private readonly ChitinToolHost _host;
    private readonly ChitinMcpServerOptions _options;
    private readonly Func<string?, bool> _authorize;
    private readonly ConcurrentDictionary<string, HttpSession> _sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    private ChitinMcpHttpServer(HttpListener listener, int port, ChitinToolHost host, ChitinMcpServerOptions options, Func<string?, bool> authorize)
    {
        _listener = listener;
        _host = host;
        _options = options;
        _authorize = authorize;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port}{Path}");
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    /// <param name="port">0 picks a free port.</param>
    /// <param name="authorize">Whether a presented bearer token (null when none) is the right one.</param>
    /// <exception cref="HttpListenerException">The port is taken or cannot be bound; the message says which.</exception>
    public static ChitinMcpHttpServer Start(IReadOnlyList<ITool> tools, ToolContext context, ChitinMcpServerOptions options, int port, Func<string?, bool> authorize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(authorize);
        var chosen = port == 0 ? LoopbackPort.PickFree() : port;
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{chosen}/");
        listener.Prefixes.Add($"http://localhost:{chosen}/");
        listener.Start();
        return new ChitinMcpHttpServer(listener, chosen, new ChitinToolHost(tools, context, options.Approver), options, authorize);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var handlers = new List<Task>();
        while (!linked.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (HttpListenerException) when (linked.IsCancellationRequested || !_listener.IsListening)
            {
                break;
            }

            handlers.RemoveAll(t => t.IsCompleted);
            handlers.Add(HandleSafelyAsync(context, linked.Token));
        }

        await Task.WhenAll(handlers).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var session in _sessions.Values)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        _sessions.Clear();
        _listener.Close();
        _stopping.Dispose();
    }

    private async Task HandleSafelyAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping; nothing to answer.
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed.
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var response = context.Response;
        if (HttpRequestGuard.Refusal(request, Port) is { } refusal)
        {
            await WriteErrorAsync(response, 403, refusal).ConfigureAwait(false);
            return;
        }

        if (request.Url?.AbsolutePath != Path)
        {
            await WriteErrorAsync(response, 404, $"Not found: the MCP endpoint is {Path}.").ConfigureAwait(false);
            return;
        }

        if (!_authorize(HttpRequestGuard.BearerToken(request)))
        {
            response.AddHeader("WWW-Authenticate", "Bearer realm=\"chitin\"");
            await WriteErrorAsync(response, 401, "Unauthorized: send 'Authorization: Bearer <token>' with the token in $CHITIN_HOME/gateway/token.").ConfigureAwait(false);
            return;
        }

        switch (request.HttpMethod)
        {
            case "POST":
                await HandlePostAsync(context, cancellationToken).ConfigureAwait(false);
                break;
            case "GET":
                await HandleGetAsync(context, cancellationToken).ConfigureAwait(false);
                break;
            case "DELETE":
                if (request.Headers["Mcp-Session-Id"] is { } id && _sessions.TryRemove(id, out var ended))
                {
                    await ended.DisposeAsync().ConfigureAwait(false);
                    response.StatusCode = 200;
                }
                else
                {
                    await WriteErrorAsync(response, 404, "Session not found.").ConfigureAwait(false);
                }

                break;
            default:
                response.AddHeader("Allow", "GET, POST, DELETE");
                await WriteErrorAsync(response, 405, "Method not allowed.").ConfigureAwait(false);
                break;
        }
    }

    private async Task HandlePostAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync(context.Request.InputStream, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)), cancellationToken).ConfigureAwait(false) as JsonRpcMessage;
        }
        catch (JsonException ex)
        {
            await WriteErrorAsync(response, 400, $"Parse error: {ex.Message}", -32700).ConfigureAwait(false);
            return;
        }

        if (message is null)
        {
            await WriteErrorAsync(response, 400, "Invalid request: expected one JSON-RPC message.", -32600).ConfigureAwait(false);
            return;
        }

        HttpSession? session;
        if (context.Request.Headers["Mcp-Session-Id"] is { Length: > 0 } id)
        {
            if (!_sessions.TryGetValue(id, out session))
            {
                await WriteErrorAsync(response, 404, "Session not found; initialize a new one.", -32001).ConfigureAwait(false);
                return;
            }
        }
        else if (message is JsonRpcRequest { Method: RequestMethods.Initialize })
        {
            session = HttpSession.Start(NewSessionId(), ChitinMcpServer.CreateServerOptions(_host, _options), _options.LoggerFactory, _stopping.Token);
            _sessions[session.Id] = session;
        }
        else
        {
            await WriteErrorAsync(response, 400, "Bad request: send initialize first, or the Mcp-Session-Id header of an initialized session.").ConfigureAwait(false);
            return;
        }

        response.AddHeader("Mcp-Session-Id", session.Id);
        var wrote = await session.Transport.HandlePostRequestAsync(
            message,
            response.OutputStream,
            _ =>
            {
                response.StatusCode = 200;
                response.ContentType = "text/event-stream";
                response.AddHeader("Cache-Control", "no-cache");
                response.SendChunked = true;
                return ValueTask.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        if (!wrote)
        {
            response.StatusCode = 202;
        }
    }

    private async Task HandleGetAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        if (context.Request.Headers["Mcp-Session-Id"] is not { Length: > 0 } id || !_sessions.TryGetValue(id, out var session))
        {
            await WriteErrorAsync(response, 404, "Session not found.", -32001).ConfigureAwait(false);
            return;
        }

        if (!session.TryStartGet())
        {
            await WriteErrorAsync(response, 409, "Conflict: this session already has an open GET stream.").ConfigureAwait(false);
            return;
        }

        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.AddHeader("Cache-Control", "no-cache");
        response.AddHeader("Mcp-Session-Id", id);
        response.SendChunked = true;
        await response.OutputStream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await session.Transport.HandleGetRequestAsync(response.OutputStream, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpListenerResponse response, int status, string message, int code = -32000)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
            new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = code, Message = message } },
            McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError))));
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }

    private static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
