namespace Chitin.Memory.Tools;

/// <summary>Who the model is, as the memory store sees it, and which items that viewer may touch.</summary>
internal static class MemoryVisibility
{
    public static MemoryViewer ViewerOf(ToolContext context) => new(context.Agent, context.Workspace, context.SessionId);

    /// <summary>User scope, the viewer's own workspace, agent profile and session; never another agent's private items.</summary>
    public static bool CanSee(MemoryViewer viewer, MemoryItem item) => item.Scope switch
    {
        MemoryScope.User => true,
        MemoryScope.Project => SamePath(item.ScopeKey, viewer.Workspace),
        MemoryScope.Agent => string.Equals(item.ScopeKey, viewer.Agent, StringComparison.Ordinal),
        MemoryScope.Session => viewer.SessionId is { } session && string.Equals(item.ScopeKey, session, StringComparison.Ordinal),
        _ => false,
    };

    private static bool SamePath(string a, string b) =>
        a.Length > 0 && b.Length > 0 && string.Equals(Normalize(a), Normalize(b), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
