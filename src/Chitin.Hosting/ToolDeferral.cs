namespace Chitin.Hosting;

/// <summary>
/// Splits the agent's tools into always-loaded and deferred ones: the rarely used built-ins and the tools of MCP
/// servers whose "deferTools" setting defers them. tool_search ranks with the offline embedder (no network).
/// </summary>
public static class ToolDeferral
{
    public const string BuiltInSource = "built-in";

    public static ToolRegistry CreateRegistry(IEnumerable<ITool> local, McpConnection? mcp)
    {
        ArgumentNullException.ThrowIfNull(local);
        var localTools = local.ToList();
        var deferredLocal = localTools.Where(t => BuiltInDeferral.DeferredByDefault.Contains(t.Name)).ToList();
        List<DeferredToolGroup> groups = [.. mcp?.Deferred ?? []];
        if (deferredLocal.Count > 0)
        {
            groups.Add(new DeferredToolGroup(BuiltInSource, deferredLocal) { Summary = BuiltInDeferral.Summary });
        }

        var always = localTools.Except(deferredLocal).Concat(mcp?.AlwaysLoaded ?? []);
        return new ToolRegistry(always, new DeferredTools(groups, new HashedNgramEmbeddingGenerator()));
    }
}
