namespace Chitin.Mcp.Client;

/// <summary>
/// The tools of the configured MCP servers as Chitin tools. Servers start in parallel; one that fails is listed in
/// <see cref="Failures"/> and the others still work. Disposing stops the servers Chitin started.
/// </summary>
public sealed class McpToolSource : IAsyncDisposable
{
    private readonly IReadOnlyList<McpServerConnection> _connections;

    private McpToolSource(IReadOnlyList<McpServerConnection> connections, IReadOnlyList<McpServerFailure> failures)
    {
        _connections = connections;
        Failures = failures;
        var ordered = connections
            .SelectMany(c => c.Tools.Select(t => (Connection: c, Tool: t)))
            .OrderBy(p => p.Connection.Config.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Tool.Name, StringComparer.Ordinal)
            .ToArray();
        var names = McpToolNames.CreateUnique(ordered.Select(p => (p.Connection.Config.Name, p.Tool.Name)));
        Tools = ordered
            .Select((p, i) => (ITool)new McpTool(p.Connection, p.Tool, names[i]))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();
        Servers = connections
            .OrderBy(c => c.Config.Name, StringComparer.Ordinal)
            .Select(c =>
            {
                var own = Tools.OfType<McpTool>().Where(t => t.ServerName == c.Config.Name).ToArray();
                return new McpServerTools(c.Config.Name, own, c.Config.DefersTools(own.Length));
            })
            .ToArray();
    }

    /// <summary>Each connected server's tools and whether they are deferred, sorted by server name.</summary>
    public IReadOnlyList<McpServerTools> Servers { get; }

    /// <summary>Tools of servers whose tools are not deferred: declared to the model on every call.</summary>
    public IReadOnlyList<ITool> AlwaysLoaded => Servers.Where(s => !s.Deferred).SelectMany(s => s.Tools).ToArray();

    /// <summary>One group per server whose tools are deferred, for the prompt line and tool_search.</summary>
    public IReadOnlyList<DeferredToolGroup> DeferredGroups =>
        Servers.Where(s => s.Deferred).Select(s => new DeferredToolGroup($"mcp__{s.Server}__*", s.Tools)).ToArray();

    /// <summary>All tools of all connected servers, sorted by name.</summary>
    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>Enabled servers that could not be started, sorted by name.</summary>
    public IReadOnlyList<McpServerFailure> Failures { get; }

    /// <summary>Names of the servers that started, sorted.</summary>
    public IReadOnlyList<string> ConnectedServers => _connections.Select(c => c.Config.Name).ToArray();

    /// <summary>Starts every enabled server in parallel, each bounded by its own startup timeout.</summary>
    /// <exception cref="ArgumentException">Two servers share a name (merge configs by name before calling).</exception>
    public static async Task<McpToolSource> ConnectAsync(
        IReadOnlyList<McpServerConfig> servers,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken) => await ConnectAsync(servers, McpClientSettings.None, loggerFactory, cancellationToken).ConfigureAwait(false);

    /// <summary>Starts every enabled server in parallel with the given OAuth settings (token store, interactive login).</summary>
    public static async Task<McpToolSource> ConnectAsync(
        IReadOnlyList<McpServerConfig> servers,
        McpClientSettings settings,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"MCP server '{duplicate.Key}' is configured twice; merge the configurations by name first.", nameof(servers));
        }

        var enabled = servers.Where(s => s.Enabled).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        var attempts = enabled.Select(s => Task.Run(() => StartAsync(s, settings, loggerFactory, cancellationToken), CancellationToken.None)).ToArray();
        var outcomes = await Task.WhenAll(attempts).ConfigureAwait(false);
        var connections = outcomes.Where(o => o.Connection is not null).Select(o => o.Connection!).ToArray();
        if (cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new McpToolSource(connections, outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToArray());
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_connections.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);

    private static async Task<(McpServerConnection? Connection, McpServerFailure? Failure)> StartAsync(
        McpServerConfig server,
        McpClientSettings settings,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await McpServerConnection.StartAsync(server, settings, loggerFactory, cancellationToken).ConfigureAwait(false), null);
        }
        catch (McpStartException ex)
        {
            return (null, new McpServerFailure(server.Name, ex.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, new McpServerFailure(server.Name, $"mcp server '{server.Name}': start cancelled."));
        }
    }
}
