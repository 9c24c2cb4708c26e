namespace Chitin.Security.Permissions;

/// <summary>
/// <c>domain:example.com</c> matches example.com and every subdomain (api.example.com);
/// <c>domain:*.example.com</c> matches only the subdomains. Hosts compare case-insensitively.
/// </summary>
internal sealed class DomainPattern
{
    public const string Prefix = "domain:";

    private readonly string _domain;
    private readonly string _dotDomain;
    private readonly bool _subdomainsOnly;

    private DomainPattern(string domain, bool subdomainsOnly)
    {
        _domain = domain;
        _dotDomain = "." + domain;
        _subdomainsOnly = subdomainsOnly;
    }

    /// <returns>The pattern, or null with <paramref name="problem"/> set when the text is not <c>domain:host</c>.</returns>
    public static DomainPattern? TryCreate(string specifier, out string? problem)
    {
        problem = null;
        if (!specifier.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = "web_fetch rules take domain:<host>, e.g. web_fetch(domain:example.com)";
            return null;
        }

        var host = specifier[Prefix.Length..].Trim().ToLowerInvariant();
        var subdomainsOnly = host.StartsWith("*.", StringComparison.Ordinal);
        if (subdomainsOnly)
        {
            host = host[2..];
        }

        if (host.Length == 0 || host.StartsWith('.') || host.EndsWith('.') || host.Contains("..", StringComparison.Ordinal)
            || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            problem = $"'{specifier}' is not a host name (letters, digits, '-' and '.', optionally starting with '*.')";
            return null;
        }

        return new DomainPattern(host, subdomainsOnly);
    }

    /// <param name="host">Lower-case host name of the URL.</param>
    public bool IsMatch(string host) =>
        host.EndsWith(_dotDomain, StringComparison.Ordinal) || (!_subdomainsOnly && host == _domain);
}
