namespace Chitin.Gateway.Realtime;

/// <summary>
/// <c>GET /ws</c>: the typed event stream (protocol in docs/gateway.md). The auth middleware has already checked the
/// credential and the browser Origin before the upgrade; a plain HTTP request gets 400.
/// </summary>
public static class WsEndpoint
{
    public const string Path = "/ws";

    /// <summary>Frames a connection may have waiting before it counts as too slow and is closed.</summary>
    public const int QueueCapacity = 4096;

    /// <summary>The interval of the server's keep-alive pings; a client that does not answer within it is dropped.</summary>
    public static TimeSpan KeepAlive { get; } = TimeSpan.FromSeconds(20);

    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet(Path, AcceptAsync);
    }

    private static async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Api.ApiErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "websocket_required", "/ws speaks WebSocket only; open it with a WebSocket client.", context.RequestAborted);
            return;
        }

        var sp = context.RequestServices;
        var services = new WsServices(
            sp.GetRequiredService<OrleansConversationDispatcher>(),
            sp.GetRequiredService<SessionBroadcaster>(),
            sp.GetRequiredService<GatewayStore>(),
            sp.GetRequiredService<ApprovalRelay>(),
            sp.GetRequiredService<WsTurns>());
        var credential = context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : context.Request.Cookies["chitin_session"];
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = KeepAlive, KeepAliveTimeout = KeepAlive });
        using var connection = new WsConnection(socket, QueueCapacity);
        using var session = new WsSession(connection, WsSession.ScopeOf(credential), services);
        connection.TryPost(WsFrames.Hello(connection.Id));
        await connection.RunAsync(session.HandleAsync, context.RequestAborted);
    }
}
