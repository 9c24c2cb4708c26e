namespace Chitin.Tools.Web;

/// <summary>
/// Addresses an agent's HTTP request must not reach unless policy allows them: loopback, private, link-local (cloud
/// metadata), CGNAT, multicast, unspecified, broadcast, reserved and documentation ranges, and IPv6 addresses that
/// embed one of those (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
/// </summary>
public static class BlockedAddresses
{
    private static readonly (IPNetwork Network, string What)[] V4 =
    [
        (IPNetwork.Parse("169.254.169.254/32"), "the cloud metadata address"),
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (\"this network\") address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT (100.64/10) address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol address"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("255.255.255.255/32"), "the broadcast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
    ];

    private static readonly (IPNetwork Network, string What)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "the unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("::/96"), "an IPv4-compatible IPv6 address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local-use NAT64 address"),
        (IPNetwork.Parse("100::/64"), "a discard-only address"),
        (IPNetwork.Parse("2001::/32"), "a Teredo tunnel address"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local (private) address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Why <paramref name="address"/> is blocked ("a loopback address"), or null for a public address.</summary>
    public static string? Reason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Find(V4, address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        if (address.ScopeId != 0)
        {
            address = new IPAddress(address.GetAddressBytes()); // the zone (%eth0) does not change what it is
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded("an IPv4-mapped IPv6 address", address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return Embedded("a NAT64 address", new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return Embedded("a 6to4 address", new IPAddress(bytes.AsSpan(2, 4)));
        }

        return Find(V6, address);
    }

    private static string? Embedded(string kind, IPAddress inner) =>
        Find(V4, inner) is { } what ? $"{kind} for {inner}, {what}" : null;

    private static string? Find((IPNetwork Network, string What)[] table, IPAddress address)
    {
        foreach (var (network, what) in table)
        {
            if (network.Contains(address))
            {
                return what;
            }
        }

        return null;
    }
}
