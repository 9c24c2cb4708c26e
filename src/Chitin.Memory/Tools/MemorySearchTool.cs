namespace Chitin.Memory.Tools;

/// <summary>memory_search: the best current memories for a query, among those the agent may see.</summary>
public sealed class MemorySearchTool : ToolBase
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 20;

    /// <summary>A long imported paragraph is cut in the listing; the structured data keeps the whole text.</summary>
    private const int MaxShownChars = 400;

    private const string Signature = "{query: string, scope?: user|project|agent|session, layer?: semantic|procedural|episodic|working, limit?: 1..20}";

    private const string Schema =
        """
        {"type":"object","properties":{"query":{"type":"string","description":"What to look for, in words"},"scope":{"type":"string","enum":["user","project","agent","session"]},"layer":{"type":"string","enum":["semantic","procedural","episodic","working"]},"limit":{"type":"integer","minimum":1,"maximum":20,"description":"Default 5"}},"required":["query"]}
        """;

    private readonly IMemoryStore _store;

    public MemorySearchTool(IMemoryStore store)
        : base("memory_search", "Search long-term memory: facts and preferences of the user, project knowledge, past decisions, how work is done here. Use before asking the user something they may have told you before.", Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = ToolArguments.Of(invocation, Signature);
        var query = arguments.Text("query", required: true);
        var scope = arguments.Choice<MemoryScope>("scope");
        var layer = arguments.Choice<MemoryLayer>("layer");
        var limit = arguments.Integer("limit", 1, MaxLimit) ?? DefaultLimit;
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var hits = await _store.SearchAsync(
            new MemorySearchQuery
            {
                Text = query!,
                Viewer = MemoryVisibility.ViewerOf(invocation.Context),
                Scopes = scope is { } s ? [s] : null,
                Layers = layer is { } l ? [l] : null,
                Limit = limit,
            },
            cancellationToken).ConfigureAwait(false);
        return ToolResult.Ok(Render(query!, scope, layer, hits), Data(query!, hits));
    }

    private static string Render(string query, MemoryScope? scope, MemoryLayer? layer, IReadOnlyList<MemoryHit> hits)
    {
        var filter = (scope, layer) switch
        {
            (null, null) => "",
            ({ } s, null) => $" in {MemoryNames.Of(s)} scope",
            (null, { } l) => $" in the {MemoryNames.Of(l)} layer",
            ({ } s, { } l) => $" in {MemoryNames.Of(s)} scope, {MemoryNames.Of(l)} layer",
        };
        if (hits.Count == 0)
        {
            return $"No memories match \"{query}\"{filter}.";
        }

        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"{hits.Count} {(hits.Count == 1 ? "memory" : "memories")} for \"{query}\"{filter}, best first:");
        var number = 1;
        foreach (var hit in hits)
        {
            var item = hit.Item;
            output.Append('\n').Append(CultureInfo.InvariantCulture, $"{number++}. {item.Id} · {MemoryNames.Of(item.Layer)} · {MemoryNames.Of(item.Scope)} · {item.ValidFrom:yyyy-MM-dd}");
            if (item.Pinned)
            {
                output.Append(" · pinned");
            }

            output.Append("\n   ").Append(Shown(item.Text));
        }

        return output.ToString();
    }

    private static string Shown(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= MaxShownChars ? flat : string.Concat(flat.AsSpan(0, MaxShownChars), $"… [{flat.Length - MaxShownChars} more chars]");
    }

    private static JsonElement Data(string query, IReadOnlyList<MemoryHit> hits) =>
        JsonSerializer.SerializeToElement(
            new MemorySearchData(
                query,
                hits.Select(h => new MemorySearchHitData(
                    h.Item.Id,
                    h.Item.Text,
                    MemoryNames.Of(h.Item.Layer),
                    MemoryNames.Of(h.Item.Scope),
                    Math.Round(h.Score, 6),
                    h.Item.ValidFrom,
                    h.Item.Tags,
                    h.Item.Pinned)).ToList()),
            MemoryToolsJsonContext.Default.MemorySearchData);
}
