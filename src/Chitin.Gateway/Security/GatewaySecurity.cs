namespace Chitin.Gateway.Security;

/// <summary>What the front door checks: the token (null when auth is "none") and the allowed browser origins.</summary>
/// <param name="replaced">Told each new token (the redactor masks it from then on).</param>
public sealed class GatewaySecurity(string? token, IReadOnlyList<string> allowedOrigins, Action<string>? replaced = null)
{
    private readonly HashSet<string> _origins = new(allowedOrigins, StringComparer.Ordinal);

    private volatile string? _token = token;

    /// <summary>The current token; <see cref="Replace"/> swaps it when the web UI rotates it.</summary>
    public string? Token => _token;

    /// <exception cref="InvalidOperationException">Auth is "none": there is no token to replace.</exception>
    public void Replace(string newToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newToken);
        if (_token is null)
        {
            throw new InvalidOperationException("gateway.auth is \"none\": there is no token to rotate.");
        }

        _token = newToken;
        replaced?.Invoke(newToken);
    }

    public bool IsAllowedOrigin(string origin) => GatewaySettings.NormalizeOrigin(origin) is { } normalized && _origins.Contains(normalized);

    /// <summary>
    /// Refuses a bind that would expose an unauthenticated gateway: with auth "none" only loopback addresses are allowed.
    /// </summary>
    /// <exception cref="GatewayStartException">The combination is unsafe or the address is not an IP address.</exception>
    public static IPAddress CheckBind(string bind, string auth)
    {
        if (!IPAddress.TryParse(bind, out var address))
        {
            throw new GatewayStartException($"--bind '{bind}' is not an IP address; use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces).");
        }

        if (auth == GatewaySettings.NoAuth && !IPAddress.IsLoopback(address))
        {
            throw new GatewayStartException(
                $"refusing to listen on {bind} with gateway.auth \"none\": anyone on the network could run the agent. " +
                "Bind to 127.0.0.1, or remove gateway.auth \"none\" so the bearer token is required.");
        }

        return address;
    }
}
