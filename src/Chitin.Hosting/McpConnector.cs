using Chitin.Core.Tools;
using Chitin.Mcp.Client;
using Chitin.Mcp.Configuration;

namespace Chitin.Hosting;

/// <summary>
/// Starts the configured MCP servers. Kept apart from <see cref="ChitinHost"/> so the MCP SDK is loaded only when
/// servers are configured: start-up without them stays as fast as before.
/// </summary>
public static class McpConnector
{
    /// <returns>The servers' tools and what to dispose to stop them; servers that fail are reported through <paramref name="warn"/>.</returns>
    public static async Task<(IReadOnlyList<ITool> Tools, IAsyncDisposable Servers)> ConnectAsync(
        IReadOnlyList<McpServerConfig> servers,
        Action<string> warn,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warn);
        var source = await McpToolSource.ConnectAsync(servers, loggerFactory: null, cancellationToken).ConfigureAwait(false);
        foreach (var failure in source.Failures)
        {
            warn($"{failure.Message} (its tools are unavailable in this run)");
        }

        return (source.Tools, source);
    }
}
