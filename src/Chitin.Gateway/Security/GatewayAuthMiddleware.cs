namespace Chitin.Gateway.Security;

/// <summary>
/// The gateway's front door, before any endpoint: browser origins outside the allow-list are refused, /healthz
/// answers "ok" to anyone, and everything else needs the bearer token (unless auth is "none"). Failed attempts
/// are counted per remote address; past the limit the answer is 429 with Retry-After. The token is never logged.
/// Browsers of the web UI present its session cookie instead (or <c>?token=</c> once); pages without either are
/// sent to /login, which is public like the UI's assets.
/// </summary>
public sealed class GatewayAuthMiddleware(RequestDelegate next, GatewaySecurity security, FailedAuthLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var origin = context.Request.Headers.Origin;
        // Same-origin requests (the web UI's own forms and WebSocket) need no allow-list entry and no CORS headers.
        if (!StringValues.IsNullOrEmpty(origin) && !IsSameOrigin(context.Request, origin.ToString()))
        {
            if (!security.IsAllowedOrigin(origin.ToString()))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "origin_not_allowed", "This browser origin is not in gateway.allowedOrigins.");
                return;
            }

            AddCors(context, origin.ToString());
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
        }

        if (context.Request.Path.Equals("/healthz", StringComparison.Ordinal)
            || context.Request.Path.StartsWithSegments(Features.ChannelEndpoints.Prefix, StringComparison.Ordinal)
            || WebUiGate.IsPublic(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (security.Token is { } token)
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (limiter.RetryAfter(address) is { } wait)
            {
                context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await RefuseAsync(context, StatusCodes.Status429TooManyRequests, "rate_limited", "Too many failed authentication attempts; retry later.");
                return;
            }

            if (!GatewayToken.Matches(token, Presented(context.Request)) && !WebUiGate.HasSessionCookie(context.Request, token))
            {
                var query = WebUiGate.TryTokenQuery(context, token, presented => GatewayToken.Matches(token, presented));
                if (query == true)
                {
                    return;
                }

                // A browser that presents nothing (first visit, expired cookie) is sent to log in; that is no attempt.
                var pageVisit = WebUiGate.IsPageRequest(context.Request) && !context.Request.Headers.ContainsKey("Authorization");
                if (query == false || !pageVisit)
                {
                    limiter.RecordFailure(address);
                }

                if (pageVisit)
                {
                    WebUiGate.RedirectToLogin(context);
                    return;
                }

                context.Response.Headers.WWWAuthenticate = "Bearer";
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "Send the gateway token as 'Authorization: Bearer <token>' (it is in $CHITIN_HOME/gateway/token).");
                return;
            }
        }

        await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    // Under the UI's "Referrer-Policy: no-referrer" a browser's own form posts carry "Origin: null"; the
    // Sec-Fetch-Site header (which page scripts cannot set) still tells they are same-origin.
    private static bool IsSameOrigin(HttpRequest request, string origin) =>
        string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase)
        || (origin == "null" && request.Headers["Sec-Fetch-Site"] == "same-origin");

    private static void AddCors(HttpContext context, string origin)
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        headers.AccessControlAllowHeaders = "Authorization, Content-Type, X-Chitin-Session";
        headers.AccessControlAllowMethods = "GET, POST, DELETE, OPTIONS";
    }

    private static Task RefuseAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return ApiErrors.WriteAsync(context.Response, status, code, message, context.RequestAborted);
    }
}
