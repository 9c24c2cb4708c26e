namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// URLs that point at request catchers, tunnels, paste sites, chat-bot upload APIs or bare IP addresses: the usual
/// destinations of exfiltration and second-stage payloads (ClawHavoc's C2 was a bare IP; webhook.site, ngrok and
/// bore.pub recur in reports). A warning on its own; the rules for dumps, credentials and downloads block the real thing.
/// </summary>
internal sealed class SuspiciousEndpointRule() : LineRule(
    "net.suspicious-endpoint", FindingSeverity.Warning, "URLs pointing at request catchers, tunnels, paste sites, chat-bot upload APIs or bare IP addresses.")
{
    protected override SearchValues<string> Triggers { get; } = Words("://");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        foreach (var (url, host, path) in Urls.Find(unit.Code))
        {
            string? why = null;
            if (Urls.IsExfiltrationEndpoint(host, path))
            {
                why = $"'{host}' is a request catcher, tunnel or chat-bot upload endpoint, a common destination for stolen data";
            }
            else if (Urls.IsPasteSite(host))
            {
                why = $"'{host}' is a paste or snippet site, where second-stage payloads are commonly staged";
            }
            else if (Urls.IsIpLiteral(host) && !Urls.IsLocal(host) && !IsPrivate(host))
            {
                why = $"'{host}' is a bare IP address; legitimate services use names";
            }

            if (why is not null)
            {
                var index = unit.Code.IndexOf(url, StringComparison.Ordinal);
                sink.Add(file, unit.LineOfCode(Math.Max(0, index)), Id, FindingSeverity.Warning, why + ". Check what is sent there or fetched from it.", url, contextual: false);
                return;
            }
        }
    }

    private static bool IsPrivate(string host) =>
        host.StartsWith("10.", StringComparison.Ordinal) || host.StartsWith("192.168.", StringComparison.Ordinal)
        || (host.StartsWith("172.", StringComparison.Ordinal) && int.TryParse(host.Split('.')[1], out var second) && second is >= 16 and <= 31);
}
