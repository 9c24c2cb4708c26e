namespace Chitin.Core.Tools.Deferral;

/// <summary>
/// <c>tool_search</c>: finds deferred tools for a need and loads them. The result names the loaded tools on its first
/// line (<see cref="LoadedTools.ResultPrefix"/>); the loop reads that line, so the loaded set lives in the transcript
/// and survives resume.
/// </summary>
public sealed class ToolSearchTool : ToolBase
{
    public const string ToolName = "tool_search";

    public const int DefaultLimit = 5;

    public const int MaxLimit = 10;

    private const int MaxLineLength = 160;

    private const string Schema =
        """{"type":"object","properties":{"query":{"type":"string","description":"The need in plain words, or exact tool names"},"limit":{"type":"integer","description":"Most tools to load, 1-10 (default 5)"}},"required":["query"]}""";

    private readonly DeferredTools _deferred;

    public ToolSearchTool(DeferredTools deferred)
        : base(ToolName, "Load deferred tools (see the system prompt) that match a need. They are callable by name from your next step.", Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe)
    {
        _deferred = deferred ?? throw new ArgumentNullException(nameof(deferred));
    }

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var args = invocation.Arguments;
        if (!args.TryGetProperty("query", out var q) || q.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(q.GetString()))
        {
            return ToolResult.Error("tool_search needs \"query\": a non-empty string describing what you need, e.g. {\"query\": \"create a calendar event\"}.");
        }

        var limit = DefaultLimit;
        if (args.TryGetProperty("limit", out var l))
        {
            if (l.ValueKind != JsonValueKind.Number || !l.TryGetInt32(out limit) || limit is < 1 or > MaxLimit)
            {
                return ToolResult.Error($"\"limit\" must be a whole number from 1 to {MaxLimit}.");
            }
        }

        var query = q.GetString()!;
        var index = await _deferred.IndexAsync(cancellationToken).ConfigureAwait(false);
        var hits = await index.SearchAsync(query, limit, cancellationToken).ConfigureAwait(false);
        if (hits.Count == 0)
        {
            var sources = string.Join(", ", _deferred.Groups.Select(g => g.Source));
            return ToolResult.Ok($"No deferred tool matches \"{query}\". Try other words for the need; deferred tools come from: {sources}.");
        }

        return ToolResult.Ok(Format(hits));
    }

    private static string Format(IReadOnlyList<ToolSearchHit> hits)
    {
        var sb = new StringBuilder();
        sb.Append(LoadedTools.ResultPrefix).AppendJoin(", ", hits.Select(h => h.Tool.Name)).Append('\n');
        sb.Append("Callable by name from your next step.\n");
        foreach (var hit in hits)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- {hit.Tool.Name}: {OneLine(hit.Tool.Description)}\n");
            sb.Append("  parameters: ").Append(hit.Tool.ParametersSchema.GetRawText()).Append('\n');
        }

        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>The first line of a description, cut at a sentence end or <see cref="MaxLineLength"/> characters.</summary>
    internal static string OneLine(string description)
    {
        var text = description.Trim();
        var newline = text.IndexOfAny(['\r', '\n']);
        if (newline >= 0)
        {
            text = text[..newline];
        }

        return text.Length <= MaxLineLength ? text : string.Concat(text.AsSpan(0, MaxLineLength - 1).TrimEnd(), "…");
    }
}
