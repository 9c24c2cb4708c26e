namespace Chitin.Mcp.Server;

/// <summary>
/// DNS-rebinding protection for a loopback HTTP server: a browser tricked into calling 127.0.0.1 through an attacker's
/// domain sends that domain in Host (and its page in Origin); only localhost names with this port are accepted.
/// </summary>
internal static class HttpRequestGuard
{
    private static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>Why the request is refused, or null when Host and Origin are this loopback server.</summary>
    public static string? Refusal(HttpListenerRequest request, int port)
    {
        var host = request.Headers["Host"];
        if (host is null || !IsLoopback(host, port))
        {
            return $"Forbidden: Host '{host}' is not this server (DNS-rebinding protection).";
        }

        var origin = request.Headers["Origin"];
        if (origin is not null && (!Uri.TryCreate(origin, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || !IsLoopback(url.Authority, port)))
        {
            return $"Forbidden: Origin '{origin}' is not allowed (DNS-rebinding protection).";
        }

        return null;
    }

    /// <summary>The token of an "Authorization: Bearer ..." header, or null.</summary>
    public static string? BearerToken(HttpListenerRequest request)
    {
        var header = request.Headers["Authorization"];
        const string scheme = "Bearer ";
        return header is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private static bool IsLoopback(string authority, int port)
    {
        var colon = authority.LastIndexOf(':');
        var (name, portText) = colon > 0 && !authority.EndsWith(']') ? (authority[..colon], authority[(colon + 1)..]) : (authority, "80");
        return LoopbackHosts.Contains(name, StringComparer.OrdinalIgnoreCase) && portText == port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
