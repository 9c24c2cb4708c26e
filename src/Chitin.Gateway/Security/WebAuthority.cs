namespace Chitin.Gateway.Security;

/// <summary>The web UI's view of the front door: the live token, rotation (file, then memory), and the shared limiter.</summary>
internal sealed class WebAuthority(GatewaySecurity security, FailedAuthLimiter limiter, ChitinPaths paths) : IWebAuthority
{
    private readonly Lock _rotating = new();

    public string? Token => security.Token;

    public string RotateToken()
    {
        if (security.Token is null)
        {
            throw new InvalidOperationException("gateway.auth is \"none\": there is no token to rotate.");
        }

        lock (_rotating)
        {
            var token = GatewayToken.Rotate(paths);
            security.Replace(token);
            return token;
        }
    }

    public TimeSpan? RetryAfter(string address) => limiter.RetryAfter(address);

    public void RecordFailure(string address) => limiter.RecordFailure(address);
}
