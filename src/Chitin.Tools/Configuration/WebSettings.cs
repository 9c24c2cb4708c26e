namespace Chitin.Tools.Configuration;

/// <summary>
/// The "web" config section: destinations web_fetch may reach although the SSRF guard blocks them (loopback,
/// private, link-local, CGNAT, metadata). Read from the user config file only.
/// </summary>
public sealed record WebSettings(IReadOnlyList<string> AllowHosts, IReadOnlyList<string> AllowRanges)
{
    public static WebSettings Default { get; } = new([], []);
}
