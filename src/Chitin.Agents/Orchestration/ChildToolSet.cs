namespace Chitin.Agents.Orchestration;

/// <summary>
/// The tools a child gets: the host's tools, without spawning, cron and gateway tools at the last level, without
/// what its role does not allow, and with the agents_* tools when it may have children of its own.
/// </summary>
public static class ChildToolSet
{
    /// <summary>Tool name prefixes a leaf never gets.</summary>
    public static IReadOnlyList<string> LeafForbidden { get; } = ["agents_", "cron", "gateway"];

    public static ToolRegistry For(ToolRegistry host, AgentRole? role, bool leaf, IReadOnlyList<ITool> agentTools)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(agentTools);
        IEnumerable<ITool> tools = host.Tools.Where(t => !LeafForbidden.Any(p => t.Name.StartsWith(p, StringComparison.Ordinal)));
        if (!leaf)
        {
            tools = tools.Concat(agentTools);
        }

        if (role is { Tools.Count: > 0 } limited)
        {
            tools = tools.Where(t => limited.Tools.Contains(t.Name, StringComparer.Ordinal));
        }

        return new ToolRegistry(tools, role is { Tools.Count: > 0 } ? Core.Tools.Deferral.DeferredTools.None : host.Deferred);
    }
}
