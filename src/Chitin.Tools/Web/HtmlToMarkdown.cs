namespace Chitin.Tools.Web;

/// <summary>
/// Turns a web page into Markdown of its main content: SmartReader (a port of Mozilla's Readability) picks the
/// article; when it keeps too little of the page (a listing, an index, a docs table) the whole body is used,
/// minus page furniture.
/// </summary>
internal static class HtmlToMarkdown
{
    /// <summary>Share of the page's text the article must keep to be trusted as the main content.</summary>
    private const double MinArticleShare = 0.25;

    private static readonly string[] Furniture = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"];

    public static string Convert(string html, Uri pageUri)
    {
        var parser = new HtmlParser();
        var page = parser.ParseDocument(html);
        var title = page.Title?.Trim();
        foreach (var element in page.QuerySelectorAll(string.Join(',', Furniture)).ToArray())
        {
            element.Remove();
        }

        var pageText = (page.Body?.TextContent ?? "").Count(c => !char.IsWhiteSpace(c));
        var markdown = ArticleOf(html, pageUri, pageText, parser) ?? (page.Body is null ? "" : MarkdownWriter.Render(page.Body, pageUri));
        if (!string.IsNullOrEmpty(title) && !markdown.StartsWith("# ", StringComparison.Ordinal))
        {
            markdown = $"# {title}\n\n{markdown}";
        }

        return markdown;
    }

    private static string? ArticleOf(string html, Uri pageUri, int pageText, HtmlParser parser)
    {
        Article article;
        // Classes are kept so code blocks keep their "language-x" hint.
        using (var reader = new Reader(pageUri.AbsoluteUri, parser.ParseDocument(html)) { KeepClasses = true })
        {
            article = reader.GetArticle();
        }

        if (string.IsNullOrWhiteSpace(article.Content))
        {
            return null;
        }

        var articleText = (article.TextContent ?? "").Count(c => !char.IsWhiteSpace(c));
        if (articleText < pageText * MinArticleShare)
        {
            return null;
        }

        var content = parser.ParseDocument(article.Content);
        return content.Body is null ? null : MarkdownWriter.Render(content.Body, pageUri);
    }
}
