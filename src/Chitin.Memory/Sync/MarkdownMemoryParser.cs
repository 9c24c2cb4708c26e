namespace Chitin.Memory.Sync;

/// <summary>
/// Turns a memory file into entries with Markdig's syntax tree (source positions on), never with regular expressions.
/// <list type="bullet">
/// <item>Each list item is an entry; a nested item carries its parents' text ("Parent: child"). A parent that is
/// only a label for its children (its text ends with ':') is not an entry itself.</item>
/// <item>Each paragraph outside lists (block quotes included) is an entry.</item>
/// <item>Headings are not entries: those above an entry become its tags (a level-1 heading before the first entry is
/// the document's title and is skipped).</item>
/// <item>Code blocks, tables, thematic breaks and HTML blocks (so HTML comments) are not entries; an HTML comment
/// inside a paragraph is removed from its text (a hidden id comment links the entry to its item).</item>
/// <item>Malformed input fails with the line: a code fence or HTML comment never closed (it would silently swallow the
/// rest of the file), unclosed or invalid front matter, unbalanced Chitin section markers, an entry longer than an
/// item may be.</item>
/// </list>
/// </summary>
internal static class MarkdownMemoryParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UsePreciseSourceLocation()
        .Build();

    /// <exception cref="MemoryImportException">The Markdown is malformed in a way that would lose or garble entries.</exception>
    public static ParsedMemoryFile Parse(MemoryFileContent content)
    {
        var text = content.Text;
        var document = Markdown.Parse(text, Pipeline);
        var walker = new Walker(content.Path, text);
        CheckClosed(content.Path, text, document);
        var tags = FrontMatter(content.Path, text, document);
        walker.Walk(document);
        return new ParsedMemoryFile(content, walker.Entries, walker.Section, tags, NewLineOf(text));
    }

    /// <summary>"\r\n" when most line breaks are CRLF, otherwise "\n".</summary>
    public static string NewLineOf(string text)
    {
        var crlf = 0;
        var lf = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                if (i > 0 && text[i - 1] == '\r')
                {
                    crlf++;
                }
                else
                {
                    lf++;
                }
            }
        }

        return crlf > lf ? "\r\n" : "\n";
    }

    private static IReadOnlyList<string> FrontMatter(string path, string text, MarkdownDocument document)
    {
        var block = document.Count > 0 ? document[0] : null;
        if (block is YamlFrontMatterBlock yaml)
        {
            return FrontMatterReader.Tags(path, yaml);
        }

        if (block is ThematicBreakBlock { Line: 0 } && FirstLine(text).TrimEnd() == "---" && document.Count > 1)
        {
            throw new MemoryImportException(
                path,
                1,
                "the file starts with '---' (YAML front matter) but no closing '---' line follows. Close the front matter with a line '---', or remove the first line, and try again.");
        }

        return [];
    }

    private static void CheckClosed(string path, string text, MarkdownDocument document)
    {
        foreach (var block in document.Descendants<Block>())
        {
            if (block is FencedCodeBlock { ClosingFencedCharCount: 0 } fence)
            {
                var marker = new string(fence.FencedChar, Math.Max(fence.OpeningFencedCharCount, 3));
                throw new MemoryImportException(
                    path,
                    fence.Line + 1,
                    $"a code fence ({marker}) opens here and is never closed, so the rest of the file would be read as code. Close it with a line {marker} and try again.");
            }

            if (block is HtmlBlock { Type: HtmlBlockType.Comment } comment && !SourceOf(text, comment).Contains("-->", StringComparison.Ordinal))
            {
                throw new MemoryImportException(
                    path,
                    comment.Line + 1,
                    "an HTML comment (<!--) opens here and is never closed, so the rest of the file would be hidden. Close it with --> and try again.");
            }
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private static string SourceOf(string text, Block block) =>
        block.Span.IsEmpty || block.Span.Start < 0 ? "" : text.Substring(block.Span.Start, Math.Min(block.Span.Length, text.Length - block.Span.Start));

    private sealed class Walker(string path, string text)
    {
        private readonly List<string?> _headings = [];
        private int? _sectionStart;
        private int _sectionLine;
        private bool _titleAllowed = true;

        public List<MarkdownEntry> Entries { get; } = [];

        public ManagedSection? Section { get; private set; }

        private bool InSection => _sectionStart is not null;

        public void Walk(MarkdownDocument document)
        {
            foreach (var block in document)
            {
                switch (block)
                {
                    case HtmlBlock html:
                        Marker(html);
                        break;
                    case HeadingBlock heading:
                        Heading(heading);
                        break;
                    default:
                        Visit(block, null);
                        break;
                }
            }

            if (_sectionStart is not null)
            {
                throw new MemoryImportException(
                    path,
                    _sectionLine,
                    $"Chitin's section starts here ({SectionMarkers.Begin}) but its end marker is missing. Add a line {SectionMarkers.End} after the section's last bullet, or remove the begin marker, and try again.");
            }
        }

        private void Marker(HtmlBlock html)
        {
            var source = SourceOf(text, html);
            if (SectionMarkers.IsBegin(source))
            {
                if (Section is not null || _sectionStart is not null)
                {
                    throw new MemoryImportException(
                        path,
                        html.Line + 1,
                        $"a second Chitin section begins here; a file holds at most one ({SectionMarkers.Begin} … {SectionMarkers.End}). Merge the two sections and try again.");
                }

                _sectionStart = html.Span.Start;
                _sectionLine = html.Line + 1;
            }
            else if (SectionMarkers.IsEnd(source))
            {
                if (_sectionStart is not { } start)
                {
                    throw new MemoryImportException(
                        path,
                        html.Line + 1,
                        $"Chitin's section end marker ({SectionMarkers.End}) has no begin marker above it. Add {SectionMarkers.Begin} where the section starts, or remove this line, and try again.");
                }

                Section = new ManagedSection(start, html.Span.End + 1, _sectionLine);
                _sectionStart = null;
            }
        }

        private void Heading(HeadingBlock heading)
        {
            if (InSection)
            {
                return;
            }

            if (heading.Level == 1 && _titleAllowed)
            {
                _titleAllowed = false;
                return;
            }

            var level = heading.Level;
            while (_headings.Count >= level)
            {
                _headings.RemoveAt(_headings.Count - 1);
            }

            while (_headings.Count < level - 1)
            {
                _headings.Add(null);
            }

            _headings.Add(Tag(InlineText(heading, out _)));
        }

        private void Visit(Block block, string? context)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    Add(InlineText(paragraph, out var id), paragraph.Line, context, id);
                    break;
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        ListItem(item, context);
                    }

                    break;
                case QuoteBlock quote:
                    foreach (var child in quote)
                    {
                        Visit(child, context);
                    }

                    break;

                // Code, tables, HTML, thematic breaks and headings nested in containers carry no entries.
                default:
                    break;
            }
        }

        private void ListItem(ListItemBlock item, string? context)
        {
            string? id = null;
            var own = string.Join(' ', item.OfType<ParagraphBlock>().Select(p =>
            {
                var part = InlineText(p, out var partId);
                id ??= partId;
                return part;
            }).Where(p => p.Length > 0));
            var nested = item.OfType<ListBlock>().ToList();
            var isLabel = nested.Count > 0 && own.EndsWith(':');
            if (own.Length > 0 && !isLabel)
            {
                Add(own, item.Line, context, id);
            }

            var childContext = own.Length == 0 ? context : Join(context, own.TrimEnd(':').TrimEnd());
            foreach (var child in nested)
            {
                Visit(child, childContext);
            }
        }

        private void Add(string own, int zeroBasedLine, string? context, string? id)
        {
            if (own.Length == 0)
            {
                return;
            }

            var entryText = Join(context, own);
            var line = zeroBasedLine + 1;
            if (entryText.Length > PreparedDraft.MaxTextChars)
            {
                throw new MemoryImportException(
                    path,
                    line,
                    $"this entry is {entryText.Length:N0} characters; a memory item holds at most {PreparedDraft.MaxTextChars:N0}. Split it into shorter bullets and try again.");
            }

            _titleAllowed = false;
            var tags = InSection ? [] : _headings.OfType<string>().Where(t => t.Length > 0).ToList();
            Entries.Add(new MarkdownEntry(entryText, line, tags, InSection, id));
        }

        /// <summary>"Parent: child", or "Parent sentence. Child" when the parent is a whole sentence.</summary>
        private static string Join(string? context, string own) =>
            context is null ? own : context.EndsWith('.') || context.EndsWith('!') || context.EndsWith('?') || context.EndsWith(';') ? $"{context} {own}" : $"{context}: {own}";

        /// <summary>The block's inline Markdown as one line, without HTML comments; <paramref name="itemId"/> is the hidden id comment's item, if any.</summary>
        private string InlineText(LeafBlock block, out string? itemId)
        {
            itemId = null;
            if (block.Span.IsEmpty || block.Span.Start < 0)
            {
                return "";
            }

            var builder = new StringBuilder();
            var position = block.Span.Start;
            var end = Math.Min(block.Span.End + 1, text.Length);
            var comments = block.Inline?.Descendants<HtmlInline>()
                .Where(h => h.Tag.StartsWith("<!--", StringComparison.Ordinal))
                .OrderBy(h => h.Span.Start)
                .ToList() ?? [];
            foreach (var comment in comments)
            {
                itemId ??= SectionMarkers.ParseId(comment.Tag);
                if (comment.Span.Start >= position && comment.Span.End < end)
                {
                    builder.Append(text, position, comment.Span.Start - position).Append(' ');
                    position = comment.Span.End + 1;
                }
            }

            builder.Append(text, position, end - position);
            return EntryText.FromSource(builder.ToString());
        }

        private static string Tag(string heading)
        {
            var builder = new StringBuilder(heading.Length);
            foreach (var c in heading.ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c))
                {
                    builder.Append(c);
                }
                else if (builder.Length > 0 && builder[^1] != '-')
                {
                    builder.Append('-');
                }
            }

            var tag = builder.ToString().Trim('-');
            return tag.Length > 48 ? tag[..48].TrimEnd('-') : tag;
        }
    }
}
