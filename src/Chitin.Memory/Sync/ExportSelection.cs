namespace Chitin.Memory.Sync;

/// <summary>
/// Which current items belong in which file's section:
/// <list type="bullet">
/// <item><c>MEMORY.md</c>: semantic and procedural items of user scope and of the viewer's agent scope — without the
/// user-scope semantic facts when a <c>USER.md</c> is written alongside (they go there).</item>
/// <item><c>USER.md</c>: user-scope semantic facts.</item>
/// <item><c>memory/YYYY-MM-DD.md</c>: episodic items of user or agent scope valid from that day (UTC).</item>
/// <item><c>CLAUDE.md</c>, <c>AGENTS.md</c>: semantic and procedural items of the viewer's project.</item>
/// </list>
/// Working-layer and session-scope items are never exported. An export asked for named scopes
/// (<see cref="MemoryFileTarget.Scopes"/>) writes the items of those scopes instead, each file still taking only its layers.
/// </summary>
internal static class ExportSelection
{
    private const int Page = 1_000;

    /// <summary>Every current item the viewer sees, oldest first.</summary>
    public static async Task<List<MemoryItem>> VisibleAsync(IMemoryStore store, MemoryViewer viewer, CancellationToken cancellationToken)
    {
        var items = new List<MemoryItem>();
        for (var offset = 0; ; offset += Page)
        {
            var page = await store.ListAsync(
                new MemoryListQuery
                {
                    Viewer = viewer,
                    Scopes = [MemoryScope.User, MemoryScope.Project, MemoryScope.Agent],
                    Layers = [MemoryLayer.Semantic, MemoryLayer.Procedural, MemoryLayer.Episodic],
                    Limit = Page,
                    Offset = offset,
                },
                cancellationToken).ConfigureAwait(false);
            items.AddRange(page);
            if (page.Count < Page)
            {
                break;
            }
        }

        return items.DistinctBy(i => i.Id).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    public static bool Fits(MemoryItem item, MemoryFileTarget target, bool userFileAlongside)
    {
        var lasting = item.Layer is MemoryLayer.Semantic or MemoryLayer.Procedural;
        if (target.Scopes is { } scopes)
        {
            return scopes.Contains(item.Scope) && target.Role switch
            {
                MemoryFileRole.UserProfile => item.Layer == MemoryLayer.Semantic,
                MemoryFileRole.DailyLog => item.Layer == MemoryLayer.Episodic && DayOf(item) == target.Day,
                _ => lasting && !(userFileAlongside && target.Role == MemoryFileRole.LongTerm && item.Scope == MemoryScope.User && item.Layer == MemoryLayer.Semantic),
            };
        }

        var personal = item.Scope is MemoryScope.User or MemoryScope.Agent;
        return target.Role switch
        {
            MemoryFileRole.LongTerm => lasting && personal && !(userFileAlongside && item.Scope == MemoryScope.User && item.Layer == MemoryLayer.Semantic),
            MemoryFileRole.UserProfile => item.Scope == MemoryScope.User && item.Layer == MemoryLayer.Semantic,
            MemoryFileRole.DailyLog => item.Layer == MemoryLayer.Episodic && personal && DayOf(item) == target.Day,
            MemoryFileRole.ClaudeProject or MemoryFileRole.AgentsProject => lasting && item.Scope == MemoryScope.Project,
            _ => false,
        };
    }

    /// <summary>The UTC day an episodic item belongs to: the daily log it goes into.</summary>
    public static DateOnly DayOf(MemoryItem item) => DateOnly.FromDateTime(item.ValidFrom.UtcDateTime);
}
