namespace Chitin.Memory.Model;

/// <summary>
/// Who reads or writes: an agent profile working in a workspace, in a session. It sees user scope, project scope of
/// its workspace, agent scope of its own name and session scope of its own session; never another agent's private items.
/// </summary>
public sealed record MemoryViewer(string Agent, string Workspace, string? SessionId = null)
{
    /// <summary>The CLI user: sees everything of the given agent and workspace.</summary>
    public static MemoryViewer For(string agent, string workspace) => new(agent, workspace);
}
