namespace Chitin.Mcp.Configuration;

/// <summary>
/// A pre-registered OAuth client for a remote server, from <c>mcpServers.&lt;name&gt;.oauth</c>:
/// <c>{ "clientId": "...", "clientSecret": "${SECRET}", "scopes": ["read"] }</c>. Without it Chitin registers itself
/// dynamically or presents its client ID metadata document, whichever the authorization server offers.
/// </summary>
public sealed record McpOAuthSettings
{
    public string? ClientId { get; init; }

    /// <summary>Expanded from the environment like headers, so the secret itself stays out of config files.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Scopes to ask for; empty lets the server's challenge or metadata decide.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>An https URL of a client ID metadata document, used as the client ID where the server supports it.</summary>
    public Uri? ClientMetadataUrl { get; init; }
}
