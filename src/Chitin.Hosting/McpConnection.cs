namespace Chitin.Hosting;

/// <summary>What the configured MCP servers contribute: tools declared on every call, deferred groups, and what to dispose to stop them.</summary>
public sealed record McpConnection(IReadOnlyList<ITool> AlwaysLoaded, IReadOnlyList<DeferredToolGroup> Deferred, IAsyncDisposable Servers)
{
    /// <summary>Enabled servers that could not be started, with why; reported in the run's output, not only as a warning.</summary>
    public IReadOnlyList<Chitin.Mcp.Client.McpServerFailure> Failures { get; init; } = [];

    public IEnumerable<ITool> AllTools => AlwaysLoaded.Concat(Deferred.SelectMany(g => g.Tools));
}
