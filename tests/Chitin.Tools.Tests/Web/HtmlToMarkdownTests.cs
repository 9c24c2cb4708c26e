using Chitin.Tools.Web;

namespace Chitin.Tools.Tests.Web;

public sealed class HtmlToMarkdownTests
{
    private static readonly Uri Page = new("https://site.example/docs/page.html");

    [Fact]
    public void Nested_lists_quotes_inline_code_and_images_render_as_markdown()
    {
        const string html = """
            <html><body>
            <ol><li>First<ul><li>inner <code>a &lt; b</code></li></ul></li><li>Second</li></ol>
            <blockquote><p>Quoted words</p></blockquote>
            <p><img src="/img/logo.png" alt="Logo"> <img src="data:image/png;base64,AAAA" alt="inline"> <a href="#top">Top</a>
            <a href="javascript:void(0)">Click</a><br>next line</p>
            <hr>
            <p hidden>hidden text</p>
            <p>After the rule</p>
            </body></html>
            """;

        var markdown = HtmlToMarkdown.Convert(html, Page);

        Assert.Contains("1. First\n  - inner `a < b`\n2. Second", markdown, StringComparison.Ordinal);
        Assert.Contains("> Quoted words", markdown, StringComparison.Ordinal);
        Assert.Contains("![Logo](https://site.example/img/logo.png)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("base64", markdown, StringComparison.Ordinal);
        Assert.Contains("Top Click\nnext line", markdown, StringComparison.Ordinal);
        Assert.Contains("next line\n\n---\n\nAfter the rule", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden text", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_index_that_readability_would_drop_keeps_its_links()
    {
        var links = string.Concat(Enumerable.Range(1, 30).Select(i => $"<li><a href=\"/p/{i}\">Package {i}</a></li>"));
        var html = $"<html><head><title>Index</title></head><body><ul>{links}</ul></body></html>";

        var markdown = HtmlToMarkdown.Convert(html, Page);

        Assert.StartsWith("# Index\n\n- [Package 1](https://site.example/p/1)", markdown, StringComparison.Ordinal);
        Assert.Contains("- [Package 30](https://site.example/p/30)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_containing_fences_gets_a_longer_fence()
    {
        var markdown = HtmlToMarkdown.Convert("<html><body><pre>```\nnested\n```</pre></body></html>", Page);

        Assert.Contains("~~~~\n```\nnested\n```\n~~~~", markdown, StringComparison.Ordinal);
    }
}
