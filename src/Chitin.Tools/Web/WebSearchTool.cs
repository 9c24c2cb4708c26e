namespace Chitin.Tools.Web;

/// <summary>web_search: titles, URLs and snippets from the configured <see cref="IWebSearchProvider"/>, marked as untrusted.</summary>
public sealed class WebSearchTool(IWebSearchProvider? provider)
    : ToolBase("web_search", "Search the web: titles, URLs and snippets. Read a page with web_fetch.", Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe | ToolTraits.Network)
{
    public const int DefaultResults = 8;
    public const int MaxResults = 20;

    private const string Schema =
        """
        {"type":"object","properties":{"query":{"type":"string"},"max_results":{"type":"integer","minimum":1}},"required":["query"]}
        """;

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var query = arguments.String("query", required: true);
        var count = Math.Min(arguments.Integer("max_results", minimum: 1) ?? DefaultResults, MaxResults);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (provider is null)
        {
            return ToolResult.Error("web_search is not configured: set search.provider in the config (e.g. a SearXNG endpoint URL) to enable it. "
                                    + "If you know the page, use web_fetch with its URL.");
        }

        IReadOnlyList<WebSearchResult> results;
        try
        {
            results = await provider.SearchAsync(query!.Trim(), count, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSearchException ex)
        {
            return ToolResult.Error($"web_search failed ({provider.Name}): {ex.Message}");
        }

        var data = JsonSerializer.SerializeToElement(new WebSearchData(query!, provider.Name, results), ToolsJsonContext.Default.WebSearchData);
        if (results.Count == 0)
        {
            return ToolResult.Ok($"No results for \"{query}\" ({provider.Name}). Try other words.", data);
        }

        var list = new StringBuilder();
        for (var i = 0; i < results.Count; i++)
        {
            var hit = results[i];
            list.Append(CultureInfo.InvariantCulture, $"{i + 1}. {hit.Title}\n   {hit.Url}\n");
            if (hit.Snippet.Length > 0)
            {
                list.Append("   ").Append(hit.Snippet.ReplaceLineEndings(" ")).Append('\n');
            }
        }

        list.Length--; // the last newline
        var text = $"{results.Count} results for \"{query}\" ({provider.Name}):\n" + UntrustedContent.Wrap($"{provider.Name} search", list.ToString());
        return ToolResult.Ok(text, data);
    }
}
