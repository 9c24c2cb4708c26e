namespace Chitin.Tools.Web;

/// <summary>
/// Which otherwise blocked destinations HTTP tools may reach (config: web.allowHosts[], web.allowRanges[]).
/// A host entry is a name or address, optionally with a port: <c>intranet.example</c>, <c>*.corp.example</c>
/// (subdomains), <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>. A range entry is CIDR: <c>10.1.0.0/16</c>, <c>fd00::/8</c>.
/// </summary>
public sealed class EgressPolicy
{
    private readonly HostEntry[] _hosts;
    private readonly IPNetwork[] _ranges;

    /// <exception cref="ArgumentException">An entry is malformed; the message quotes it and shows the expected form.</exception>
    public EgressPolicy(IEnumerable<string>? allowHosts = null, IEnumerable<string>? allowRanges = null)
    {
        AllowHosts = allowHosts?.ToArray() ?? [];
        AllowRanges = allowRanges?.ToArray() ?? [];
        _hosts = AllowHosts.Select(entry => ParseHost(entry) ?? throw new ArgumentException(HostProblem(entry), nameof(allowHosts))).ToArray();
        _ranges = AllowRanges.Select(entry => ParseRange(entry) ?? throw new ArgumentException(RangeProblem(entry), nameof(allowRanges))).ToArray();
    }

    /// <summary>Nothing allowed beyond public addresses.</summary>
    public static EgressPolicy Default { get; } = new();

    public IReadOnlyList<string> AllowHosts { get; }

    public IReadOnlyList<string> AllowRanges { get; }

    /// <summary>Null when <paramref name="entry"/> is a valid web.allowHosts entry, else what is wrong with it.</summary>
    public static string? CheckHost(string entry) => ParseHost(entry) is null ? HostProblem(entry) : null;

    /// <summary>Null when <paramref name="entry"/> is a valid web.allowRanges entry, else what is wrong with it.</summary>
    public static string? CheckRange(string entry) => ParseRange(entry) is null ? RangeProblem(entry) : null;

    /// <summary>Whether a host entry names this host (and port).</summary>
    /// <param name="host">The URL's host: lower case, without brackets or a trailing dot.</param>
    public bool AllowsHost(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_hosts.Length == 0)
        {
            return false;
        }

        var address = IPAddress.TryParse(host, out var parsed) ? parsed : null;
        foreach (var entry in _hosts)
        {
            if (entry.Port is { } only && only != port)
            {
                continue;
            }

            var matches = (entry.Address, entry.Name) switch
            {
                ({ } allowed, _) => address is not null && allowed.Equals(address),
                (_, { } name) => address is null && (entry.Suffix ? host.EndsWith(name, StringComparison.Ordinal) : host == name),
                _ => false,
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    public bool AllowsAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var range in _ranges)
        {
            if (range.Contains(plain))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower case, no brackets around an IPv6 address, no trailing dot.</summary>
    internal static string NormalizeHost(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();

    private static HostEntry? ParseHost(string? entry)
    {
        var text = entry?.Trim() ?? "";
        if (text.Length == 0 || text.Contains('/', StringComparison.Ordinal) || text.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        int? port = null;
        string host;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || (port = Port(rest[1..])) is null))
            {
                return null;
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            if ((port = Port(text[(colon + 1)..])) is null)
            {
                return null;
            }
        }
        else
        {
            host = text;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return new HostEntry(null, address, port, Suffix: false);
        }

        var suffix = host.StartsWith("*.", StringComparison.Ordinal);
        var name = NormalizeHost(suffix ? host[1..] : host);
        var labels = (suffix ? name[1..] : name).Split('.');
        return labels.All(label => label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            ? new HostEntry(name, null, port, suffix)
            : null;
    }

    /// <summary>CIDR with the host bits zero: "10.1.2.3/8" is refused rather than silently widened to 10.0.0.0/8.</summary>
    private static IPNetwork? ParseRange(string? entry)
    {
        var text = entry?.Trim() ?? "";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
               && IPNetwork.TryParse(text, out var network)
               && IPAddress.TryParse(text[..slash], out var written)
               && written.Equals(network.BaseAddress)
            ? network
            : null;
    }

    private static int? Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : null;

    private static string HostProblem(string? entry) =>
        $"'{entry}' is not a host: use a name or address with an optional port, such as \"intranet.example\", \"*.corp.example\", \"127.0.0.1:8080\" or \"[::1]:8080\"";

    private static string RangeProblem(string? entry) =>
        $"'{entry}' is not an address range: use CIDR notation with the host bits zero, such as \"10.1.0.0/16\" or \"fd00::/8\"";

    /// <param name="Name">Lower case; for a suffix entry it starts with '.'.</param>
    private sealed record HostEntry(string? Name, IPAddress? Address, int? Port, bool Suffix);
}
