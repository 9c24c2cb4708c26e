using Chitin.Core.Tools;
using Chitin.Core.Tools.Deferral;

namespace Chitin.Hosting;

/// <summary>What the configured MCP servers contribute: tools declared on every call, deferred groups, and what to dispose to stop them.</summary>
public sealed record McpConnection(IReadOnlyList<ITool> AlwaysLoaded, IReadOnlyList<DeferredToolGroup> Deferred, IAsyncDisposable Servers)
{
    public IEnumerable<ITool> AllTools => AlwaysLoaded.Concat(Deferred.SelectMany(g => g.Tools));
}
