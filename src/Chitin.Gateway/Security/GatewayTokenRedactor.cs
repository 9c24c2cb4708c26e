namespace Chitin.Gateway.Security;

/// <summary>
/// The gateway's secret redactor: the host's (environment secrets, the provider key, known formats) plus every gateway
/// token this process has used, so a token rotated from the web UI is masked from then on, and so is the old one.
/// </summary>
public sealed class GatewayTokenRedactor(ISecretRedactor inner) : ISecretRedactor
{
    private const string Replacement = "[REDACTED:gateway-token]";
    private volatile string[] _tokens = [];
    private readonly Lock _gate = new();

    public void Remember(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        lock (_gate)
        {
            if (!_tokens.Contains(token, StringComparer.Ordinal))
            {
                _tokens = [.. _tokens, token];
            }
        }
    }

    public string Redact(string text)
    {
        var result = inner.Redact(text);
        foreach (var token in _tokens)
        {
            result = result.Replace(token, Replacement, StringComparison.Ordinal);
        }

        return result;
    }
}
