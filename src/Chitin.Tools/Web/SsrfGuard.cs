namespace Chitin.Tools.Web;

/// <summary>
/// Keeps HTTP tools off loopback, private, link-local (cloud metadata), CGNAT and other internal addresses
/// (<see cref="BlockedAddresses"/>). Use <see cref="CreateHandler"/>: its connect callback resolves the host once,
/// refuses it when any address is blocked, and connects to an address it checked, so a DNS answer that changes
/// between check and connect (rebinding) cannot reach an internal address. Redirects are not followed by the
/// handler: the caller follows them by hand, and each new host goes through the callback again.
/// </summary>
public sealed class SsrfGuard
{
    private const string Blocked = "requests to loopback, private, link-local, CGNAT, multicast and cloud-metadata addresses are blocked";

    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <param name="policy">Hosts and ranges allowed besides public addresses.</param>
    /// <param name="resolver">Resolves a host name; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> when null.</param>
    public SsrfGuard(EgressPolicy? policy = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolver = null)
    {
        Policy = policy ?? EgressPolicy.Default;
        _resolve = resolver ?? Dns.GetHostAddressesAsync;
    }

    public EgressPolicy Policy { get; }

    /// <summary>
    /// A handler for HttpClient that connects only through this guard: no automatic redirects, no proxy (a proxy
    /// would resolve and connect on its own, past the check), no cookies.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = ConnectAsync,
    };

    /// <summary>
    /// The refusal for a URL whose host is an address literal (in any spelling the URL parser accepts: 2130706433,
    /// 0x7f.1, [::ffff:127.0.0.1]), or null. Names are checked when they are resolved, at connect time.
    /// </summary>
    public string? CheckLiteral(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = EgressPolicy.NormalizeHost(uri.IdnHost);
        return IPAddress.TryParse(host, out var address) && IsRefused(host, uri.Port, address) ? Refusal(host, uri.Port, address) : null;
    }

    /// <summary>The addresses of <paramref name="host"/> that may be connected to, in resolver order.</summary>
    /// <exception cref="EgressRefusedException">An address is blocked and neither the host nor the address is allowed.</exception>
    public async Task<IPAddress[]> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = EgressPolicy.NormalizeHost(host);
        var addresses = IPAddress.TryParse(name, out var literal)
            ? [literal]
            : await _resolve(name, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        foreach (var address in addresses)
        {
            if (IsRefused(name, port, address))
            {
                // One internal answer refuses the host: a name that mixes public and internal addresses is a rebinding setup.
                throw new EgressRefusedException(Refusal(name, port, address));
            }
        }

        return addresses;
    }

    /// <summary>The SocketsHttpHandler connect callback: resolve, check, connect to a checked address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = await ResolveAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
        Exception? failure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failure!;
    }

    private bool IsRefused(string host, int port, IPAddress address) =>
        BlockedAddresses.Reason(address) is not null && !Policy.AllowsHost(host, port) && !Policy.AllowsAddress(address);

    private static string Refusal(string host, int port, IPAddress address)
    {
        var what = BlockedAddresses.Reason(address) ?? "blocked";
        var isLiteral = IPAddress.TryParse(host, out var literal);
        var shownHost = isLiteral && literal!.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        var range = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var bits = range.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var subject = isLiteral ? $"{shownHost} is {what}" : $"{host} resolves to {address}, {what}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{subject}: {Blocked} (SSRF guard). If this destination is meant to be reachable, add "
            + $"\"{shownHost}:{port}\" to web.allowHosts or \"{range}/{bits}\" to web.allowRanges in the user config file.");
    }
}
