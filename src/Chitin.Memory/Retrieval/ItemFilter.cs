namespace Chitin.Memory.Retrieval;

/// <summary>
/// Which items a read may return: the viewer's visibility (user scope; project scope of its workspace; agent scope
/// of its own name; session scope and working layer of its own session), optional scope and layer restrictions,
/// and whether ended or expired items count. The same rules are rendered as SQL (every query the store runs) and
/// evaluated in memory by the <see cref="VectorIndex"/>; the store re-applies the SQL when it fetches the results.
/// </summary>
internal sealed class ItemFilter
{
    public MemoryViewer? Viewer { get; init; }

    public IReadOnlyList<MemoryScope>? Scopes { get; init; }

    public IReadOnlyList<MemoryLayer>? Layers { get; init; }

    /// <summary>Only items with exactly this scope key (used with a single scope in <see cref="Scopes"/>).</summary>
    public string? ScopeKey { get; init; }

    public bool IncludeHistory { get; init; }

    public DateTimeOffset Now { get; init; }

    public string? ViewerWorkspace => Viewer is null ? null : ScopeCodes.NormalizeKey(MemoryScope.Project, Viewer.Workspace);

    public string? ViewerSession => string.IsNullOrEmpty(Viewer?.SessionId) ? null : Viewer.SessionId;

    /// <summary>The filter of a search or a listing: what <paramref name="viewer"/> may see, restricted as the query asks.</summary>
    public static ItemFilter For(
        MemoryViewer? viewer,
        IReadOnlyList<MemoryScope>? scopes,
        IReadOnlyList<MemoryLayer>? layers,
        bool includeHistory,
        DateTimeOffset now) =>
        new() { Viewer = viewer, Scopes = scopes, Layers = layers, IncludeHistory = includeHistory, Now = now };

    /// <summary>A WHERE fragment over table alias <paramref name="alias"/>; its text depends only on the filter's shape, so commands can be cached by it.</summary>
    public string ToSql(string alias)
    {
        var sql = new StringBuilder("1");
        if (Viewer is not null)
        {
            sql.Append($" AND ({alias}.scope = 'user'")
                .Append($" OR ({alias}.scope = 'project' AND {alias}.scope_key = $viewer_workspace)")
                .Append($" OR ({alias}.scope = 'agent' AND {alias}.scope_key = $viewer_agent)")
                .Append($" OR ({alias}.scope = 'session' AND {alias}.scope_key = $viewer_session))")
                .Append($" AND ({alias}.layer <> 'working' OR {alias}.origin_session = $viewer_session)");
        }

        if (Scopes is not null)
        {
            sql.Append($" AND {alias}.scope IN ({NameList(Scopes.Select(StoredNames.Name))})");
        }

        if (Layers is not null)
        {
            sql.Append($" AND {alias}.layer IN ({NameList(Layers.Select(StoredNames.Name))})");
        }

        if (ScopeKey is not null)
        {
            sql.Append($" AND {alias}.scope_key = $filter_scope_key");
        }

        if (!IncludeHistory)
        {
            sql.Append($" AND {alias}.valid_to IS NULL AND ({alias}.expires_at IS NULL OR {alias}.expires_at > $now)");
        }

        return sql.ToString();
    }

    public void Bind(SqliteParameterCollection parameters)
    {
        if (Viewer is not null)
        {
            parameters.AddWithValue("$viewer_workspace", ViewerWorkspace);
            parameters.AddWithValue("$viewer_agent", Viewer.Agent);
            parameters.AddWithValue("$viewer_session", (object?)ViewerSession ?? DBNull.Value);
        }

        if (ScopeKey is not null)
        {
            parameters.AddWithValue("$filter_scope_key", ScopeKey);
        }

        if (!IncludeHistory)
        {
            parameters.AddWithValue("$now", TimestampColumn.Text(Now));
        }
    }

    public bool AllowsScope(MemoryScope scope) => Scopes is null || Scopes.Contains(scope);

    public bool AllowsLayer(MemoryLayer layer) => Layers is null || Layers.Contains(layer);

    // Only enum names go here, never caller text; an empty list matches nothing.
    private static string NameList(IEnumerable<string> names)
    {
        var list = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "NULL" : string.Join(", ", list);
    }
}
