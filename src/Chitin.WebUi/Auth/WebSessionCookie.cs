namespace Chitin.WebUi.Auth;

/// <summary>
/// The browser's proof of login: cookie <c>chitin_session</c> = base64url(HMAC-SHA256(key: the gateway token,
/// "chitin-web-session-v1")). It holds no state on the server, and rotating the token invalidates every cookie.
/// </summary>
public static class WebSessionCookie
{
    public const string Name = "chitin_session";

    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("chitin-web-session-v1");

    public static string ValueFor(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), Purpose);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Whether the request carries the cookie for <paramref name="token"/> (constant-time).</summary>
    public static bool IsPresent(HttpRequest request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(Name, out var presented) || presented is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ValueFor(token)), Encoding.ASCII.GetBytes(presented));
    }

    public static void Issue(HttpContext context, string token)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name, ValueFor(token), Options(context.Request));
    }

    public static void Clear(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Name, Options(context.Request));
    }

    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = request.IsHttps,
        IsEssential = true,
    };
}
