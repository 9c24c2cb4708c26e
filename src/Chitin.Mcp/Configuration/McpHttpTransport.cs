namespace Chitin.Mcp.Configuration;

/// <summary>A remote MCP server reached over HTTP.</summary>
public sealed record McpHttpTransport : McpTransportConfig
{
    public McpHttpTransport(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an absolute http:// or https:// URL.", nameof(url));
        }

        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Extra request headers, e.g. Authorization (expanded from the environment so secrets stay out of config).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public McpHttpMode Mode { get; init; } = McpHttpMode.StreamableHttp;

    /// <summary>The pre-registered OAuth client, if configured; OAuth itself starts whenever the server asks for it (401).</summary>
    public McpOAuthSettings? OAuth { get; init; }
}
