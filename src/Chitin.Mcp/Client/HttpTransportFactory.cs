namespace Chitin.Mcp.Client;

/// <summary>
/// The SDK's HTTP transport with its OAuth client switched on: discovery (protected-resource metadata from
/// WWW-Authenticate or the well-known paths, then authorization-server metadata), dynamic registration or a client ID
/// metadata document or a pre-registered client, authorization code with PKCE, refresh and scope step-up all happen in
/// the SDK; Chitin supplies the browser and loopback listener, the token store and the configured client.
/// </summary>
internal static class HttpTransportFactory
{
    public static HttpClientTransport Create(McpServerConfig config, McpHttpTransport http, McpClientSettings settings, ILoggerFactory? loggerFactory)
    {
        var oauth = settings.OAuthOverride ?? http.OAuth;
        var authorizer = settings.Authorizer;
        var options = new ClientOAuthOptions
        {
            RedirectUri = authorizer?.RedirectUri ?? new Uri("http://127.0.0.1/callback"),
            ClientId = oauth?.ClientId,
            ClientSecret = oauth?.ClientSecret,
            ClientMetadataDocumentUri = oauth?.ClientMetadataUrl,
            Scopes = oauth is { Scopes.Count: > 0 } ? oauth.Scopes.ToArray() : null,
            DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "Chitin" },
            TokenCache = settings.TokenDirectory is { } directory ? new McpTokenStore(directory, config.Name, http.Url) : null,
            AuthorizationCallbackHandler = authorizer is not null
                ? authorizer.AuthorizeAsync
                : (_, _) => throw new McpAuthorizationException(
                    $"mcp server '{config.Name}' needs a login; run 'chitin mcp login {config.Name}' once, then start again."),
        };

        return new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Name = config.Name,
                Endpoint = http.Url,
                TransportMode = http.Mode switch
                {
                    McpHttpMode.Sse => HttpTransportMode.Sse,
                    McpHttpMode.AutoDetect => HttpTransportMode.AutoDetect,
                    _ => HttpTransportMode.StreamableHttp,
                },
                AdditionalHeaders = http.Headers.ToDictionary(StringComparer.OrdinalIgnoreCase),
                ConnectionTimeout = config.StartupTimeout,
                OAuth = options,
            },
            loggerFactory);
    }
}
