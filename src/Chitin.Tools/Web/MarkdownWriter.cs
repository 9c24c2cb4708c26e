namespace Chitin.Tools.Web;

/// <summary>
/// Renders an HTML DOM (AngleSharp) as readable Markdown: headings, paragraphs, lists, links, emphasis, code,
/// quotes and tables. Scripts, styles, forms, navigation and other page furniture are dropped.
/// </summary>
internal sealed partial class MarkdownWriter
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "nav", "form",
        "button", "input", "select", "textarea", "head", "link", "meta",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "figure", "figcaption", "address",
        "details", "summary", "dl", "dt", "dd", "body", "html", "center",
    };

    private readonly StringBuilder _out = new();
    private readonly Uri _baseUri;
    private int _listDepth;

    private MarkdownWriter(Uri baseUri)
    {
        _baseUri = baseUri;
    }

    public static string Render(INode root, Uri baseUri)
    {
        var writer = new MarkdownWriter(baseUri);
        writer.Visit(root);
        return writer.Finish();
    }

    private string Finish()
    {
        var text = ExtraBlankLines().Replace(TrailingSpaces().Replace(_out.ToString(), ""), "\n\n");
        return text.Trim('\n', ' ');
    }

    private void Visit(INode node)
    {
        switch (node)
        {
            case IText text:
                AppendInline(text.Data);
                break;
            case IElement element:
                VisitElement(element);
                break;
            default:
                VisitChildren(node);
                break;
        }
    }

    private void VisitChildren(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            Visit(child);
        }
    }

    private void VisitElement(IElement element)
    {
        var name = element.LocalName;
        if (Skipped.Contains(name) || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true")
        {
            return;
        }

        switch (name)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                Block(new string('#', name[1] - '0') + " " + Inline(element));
                break;
            case "br":
                _out.Append('\n');
                break;
            case "hr":
                Block("---");
                break;
            case "pre":
                Block(CodeBlock(element));
                break;
            case "blockquote":
                var quoted = new MarkdownWriter(_baseUri);
                quoted.VisitChildren(element);
                Block(string.Join('\n', quoted.Finish().Split('\n').Select(line => "> " + line)));
                break;
            case "ul" or "ol":
                List(element, ordered: name == "ol");
                break;
            case "table":
                Block(Table(element));
                break;
            case "a":
                Link(element);
                break;
            case "img":
                Image(element);
                break;
            case "strong" or "b":
                Wrap(element, "**");
                break;
            case "em" or "i":
                Wrap(element, "*");
                break;
            case "del" or "s":
                Wrap(element, "~~");
                break;
            case "code" or "kbd" or "samp":
                Wrap(element, "`", raw: true);
                break;
            default:
                if (Blocks.Contains(name))
                {
                    EnsureBlankLine();
                    VisitChildren(element);
                    EnsureBlankLine();
                }
                else
                {
                    VisitChildren(element);
                }

                break;
        }
    }

    private void List(IElement list, bool ordered)
    {
        if (_listDepth == 0)
        {
            EnsureBlankLine();
        }

        _listDepth++;
        var number = 1;
        foreach (var item in list.Children.Where(child => child.LocalName == "li"))
        {
            EnsureNewLine();
            _out.Append(' ', 2 * (_listDepth - 1)).Append(ordered ? $"{number++}. " : "- ");
            VisitChildren(item);
        }

        _listDepth--;
        if (_listDepth == 0)
        {
            EnsureBlankLine();
        }
        else
        {
            EnsureNewLine();
        }
    }

    private void Link(IElement anchor)
    {
        var text = Inline(anchor);
        var href = anchor.GetAttribute("href");
        if (text.Length == 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(_baseUri, href.Trim(), out var target))
        {
            AppendInline(text);
            return;
        }

        AppendInline($"[{text}]({target.AbsoluteUri})");
    }

    private void Image(IElement image)
    {
        var alt = Collapse(image.GetAttribute("alt") ?? "");
        var source = image.GetAttribute("src");
        if (alt.Length > 0 && source is not null && !source.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(_baseUri, source, out var target))
        {
            AppendInline($"![{alt}]({target.AbsoluteUri})");
        }
    }

    private void Wrap(IElement element, string marker, bool raw = false)
    {
        var text = raw ? Collapse(element.TextContent) : Inline(element);
        if (text.Length > 0)
        {
            AppendInline(marker + text + marker);
        }
    }

    private static string CodeBlock(IElement pre)
    {
        var language = (pre.QuerySelector("code")?.ClassName + " " + pre.ClassName).Split(' ')
            .Select(name => name.StartsWith("language-", StringComparison.Ordinal) ? name["language-".Length..] : null)
            .FirstOrDefault(name => name is { Length: > 0 });
        var code = pre.TextContent.Trim('\n');
        var fence = code.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
        return fence + language + "\n" + code + "\n" + fence;
    }

    private string Table(IElement table)
    {
        var rows = table.QuerySelectorAll("tr")
            .Select(row => row.Children.Where(cell => cell.LocalName is "td" or "th")
                .Select(cell => Inline(cell).Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' '))
                .ToArray())
            .Where(cells => cells.Length > 0)
            .ToArray();
        if (rows.Length == 0)
        {
            return "";
        }

        var width = rows.Max(cells => cells.Length);
        var lines = rows.Select(cells => "| " + string.Join(" | ", cells.Concat(Enumerable.Repeat("", width - cells.Length))) + " |").ToList();
        lines.Insert(1, "|" + string.Concat(Enumerable.Repeat(" --- |", width)));
        return string.Join('\n', lines);
    }

    /// <summary>An element's content as one line of inline Markdown.</summary>
    private string Inline(IElement element)
    {
        var writer = new MarkdownWriter(_baseUri);
        writer.VisitChildren(element);
        return Collapse(writer._out.ToString());
    }

    private void Block(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        EnsureBlankLine();
        _out.Append(text);
        EnsureBlankLine();
    }

    private void AppendInline(string text)
    {
        var collapsed = Whitespace().Replace(text, " ");
        if (_out.Length == 0 || _out[^1] is ' ' or '\n')
        {
            collapsed = collapsed.TrimStart();
        }

        _out.Append(collapsed);
    }

    private void EnsureNewLine()
    {
        if (_out.Length > 0 && _out[^1] != '\n')
        {
            _out.Append('\n');
        }
    }

    private void EnsureBlankLine()
    {
        if (_out.Length == 0 || _listDepth > 0)
        {
            EnsureNewLine();
            return;
        }

        EnsureNewLine();
        if (_out.Length < 2 || _out[^2] != '\n')
        {
            _out.Append('\n');
        }
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[ \t]+(?=\n)")]
    private static partial Regex TrailingSpaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();
}
