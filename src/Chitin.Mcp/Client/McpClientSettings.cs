namespace Chitin.Mcp.Client;

/// <summary>How Chitin's MCP client authenticates to remote servers that ask for OAuth.</summary>
public sealed record McpClientSettings
{
    /// <summary>No stored tokens and no interactive login: OAuth servers fail with a message to run <c>chitin mcp login</c>.</summary>
    public static McpClientSettings None { get; } = new();

    /// <summary>Where tokens are kept ($CHITIN_HOME/mcp/tokens); null keeps them in memory for this run only.</summary>
    public string? TokenDirectory { get; init; }

    /// <summary>Opens the browser and catches the redirect; null means a login cannot happen now (e.g. during a run).</summary>
    public LoopbackAuthorizer? Authorizer { get; init; }

    /// <summary>A pre-registered client, or a client metadata URL, for <c>chitin mcp check</c> (config servers carry their own).</summary>
    public Configuration.McpOAuthSettings? OAuthOverride { get; init; }
}
