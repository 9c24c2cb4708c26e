namespace Chitin.Hosting;

/// <summary>
/// Starts the configured MCP servers. Kept apart from <see cref="ChitinHost"/> so the MCP SDK is loaded only when
/// servers are configured: start-up without them stays as fast as before.
/// </summary>
public static class McpConnector
{
    /// <returns>The servers' tools (split by their "deferTools" setting) and what to dispose to stop them; servers that fail are reported through <paramref name="warn"/>.</returns>
    public static async Task<McpConnection> ConnectAsync(
        IReadOnlyList<McpServerConfig> servers,
        Action<string> warn,
        CancellationToken cancellationToken) => await ConnectAsync(servers, chitinHome: null, warn, loggerFactory: null, cancellationToken).ConfigureAwait(false);

    /// <param name="loggerFactory">Receives the MCP SDK's transport logs.</param>
    /// <param name="chitinHome">Where stored OAuth tokens live ($CHITIN_HOME/mcp/tokens); null uses none.</param>
    public static async Task<McpConnection> ConnectAsync(
        IReadOnlyList<McpServerConfig> servers,
        string? chitinHome,
        Action<string> warn,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warn);
        var settings = new McpClientSettings { TokenDirectory = chitinHome is null ? null : Chitin.Mcp.Auth.McpTokenStore.DirectoryUnder(chitinHome) };
        var source = await McpToolSource.ConnectAsync(servers, settings, loggerFactory, cancellationToken).ConfigureAwait(false);
        foreach (var failure in source.Failures)
        {
            warn($"{failure.Message} (its tools are unavailable in this run)");
        }

        return new McpConnection(source.AlwaysLoaded, source.DeferredGroups, source) { Failures = source.Failures };
    }
}
