namespace Chitin.WebUi.Auth;

/// <summary>
/// The browser side of the gateway's front door, called by its auth middleware: which UI paths are public, the
/// session cookie as an alternative to the bearer header, <c>?token=</c> turned into the cookie, and a redirect to
/// /login instead of a bare 401 for pages.
/// </summary>
public static class WebUiGate
{
    public const string LoginPath = "/login";

    /// <summary>The login page and the assets it needs are served to anyone.</summary>
    public static bool IsPublic(PathString path) =>
        path.Equals(LoginPath, StringComparison.Ordinal) || path.StartsWithSegments(AssetEndpoints.Prefix, StringComparison.Ordinal);

    public static bool HasSessionCookie(HttpRequest request, string token) => WebSessionCookie.IsPresent(request, token);

    /// <summary>A page a person opened in a browser (GET, accepts HTML, not an API or the WebSocket).</summary>
    public static bool IsPageRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsGet(request.Method)
            && !request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            && !request.Path.StartsWithSegments("/v1", StringComparison.Ordinal)
            && !request.Path.StartsWithSegments("/ws", StringComparison.Ordinal)
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A page request with <c>?token=</c>: null when there is none; true when it matched (the cookie is set and the
    /// browser is sent to the same URL without the token); false when it did not (the caller counts a failure).
    /// </summary>
    public static bool? TryTokenQuery(HttpContext context, string token, Func<string, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(matches);
        var request = context.Request;
        if (!IsPageRequest(request) || !request.Query.TryGetValue("token", out var presented))
        {
            return null;
        }

        if (!matches(presented.ToString()))
        {
            return false;
        }

        WebSessionCookie.Issue(context, token);
        context.Response.Redirect(request.PathBase + request.Path + QueryString.Create(request.Query.Where(p => p.Key != "token")));
        return true;
    }

    /// <summary>Sends a browser to the login page, remembering where it wanted to go.</summary>
    public static void RedirectToLogin(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var back = request.Path + QueryString.Create(request.Query.Where(p => p.Key != "token"));
        context.Response.Redirect(QueryHelpers.AddQueryString(LoginPath, "next", back));
    }

    /// <summary>A local path to return to after login; anything else (another host, scheme-relative) becomes /chat.</summary>
    public static string SafeReturnPath(string? next) =>
        next is { Length: > 0 } && next[0] == '/' && (next.Length == 1 || (next[1] != '/' && next[1] != '\\')) ? next : "/chat";
}
