namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Decides the zone of every line: Markdown front matter, prose, fenced code, and hidden text (HTML comments, hidden
/// elements, link-reference comments); script code and comment lines; markup code and comments.
/// </summary>
internal static partial class LineZoning
{
    public static void ZoneMarkdown(string text, PhysicalLine[] lines, bool[] fenceDelimiters, int[] fenceIds)
    {
        var index = 0;
        if (lines.Length > 1 && Line(text, lines[0]).TrimEnd() is "---")
        {
            lines[0].Zone = LineZone.FrontMatter;
            for (index = 1; index < lines.Length; index++)
            {
                lines[index].Zone = LineZone.FrontMatter;
                if (Line(text, lines[index]).TrimEnd() is "---" or "...")
                {
                    index++;
                    break;
                }
            }
        }

        var fenceChar = '\0';
        var fenceLength = 0;
        var fenceCount = 0;
        var inComment = false;
        string? hiddenTag = null;
        var hiddenLines = 0;
        for (; index < lines.Length; index++)
        {
            var line = Line(text, lines[index]);
            if (fenceChar != '\0')
            {
                lines[index].Zone = LineZone.Code;
                fenceIds[index] = fenceCount;
                if (IsFence(line, out var closeChar, out var closeLength, out var info) && closeChar == fenceChar && closeLength >= fenceLength && info.Length == 0)
                {
                    fenceDelimiters[index] = true;
                    fenceChar = '\0';
                }

                continue;
            }

            if (inComment)
            {
                lines[index].Zone = LineZone.Hidden;
                inComment = !line.Contains("-->", StringComparison.Ordinal);
                continue;
            }

            if (hiddenTag is not null)
            {
                lines[index].Zone = LineZone.Hidden;
                if (line.Contains("</" + hiddenTag, StringComparison.OrdinalIgnoreCase) || ++hiddenLines > 50)
                {
                    hiddenTag = null;
                }

                continue;
            }

            if (IsFence(line, out var openChar, out var openLength, out _))
            {
                fenceChar = openChar;
                fenceLength = openLength;
                fenceCount++;
                fenceDelimiters[index] = true;
                fenceIds[index] = fenceCount;
                lines[index].Zone = LineZone.Code;
                continue;
            }

            var commentStart = line.IndexOf("<!--", StringComparison.Ordinal);
            if (commentStart >= 0)
            {
                lines[index].Zone = LineZone.Hidden;
                inComment = line.IndexOf("-->", commentStart + 4, StringComparison.Ordinal) < 0;
                continue;
            }

            if (line.Contains("]:", StringComparison.Ordinal) && LinkReferenceComment().IsMatch(line))
            {
                lines[index].Zone = LineZone.Hidden;
                continue;
            }

            var hidden = line.Contains('<', StringComparison.Ordinal) ? HiddenElement().Match(line) : Match.Empty;
            if (hidden.Success)
            {
                lines[index].Zone = LineZone.Hidden;
                var tag = hidden.Groups["tag"].Value;
                if (!line.Contains("</" + tag, StringComparison.OrdinalIgnoreCase))
                {
                    hiddenTag = tag;
                    hiddenLines = 0;
                }

                continue;
            }

            lines[index].Zone = LineZone.Prose;
        }
    }

    public static void ZoneMarkup(string text, PhysicalLine[] lines)
    {
        var inComment = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Line(text, lines[i]);
            var starts = line.Contains("<!--", StringComparison.Ordinal);
            if (inComment || starts)
            {
                lines[i].Zone = LineZone.Hidden;
                var closeFrom = starts ? line.IndexOf("<!--", StringComparison.Ordinal) + 4 : 0;
                inComment = line.IndexOf("-->", closeFrom, StringComparison.Ordinal) < 0;
            }
            else
            {
                lines[i].Zone = line.Contains('<', StringComparison.Ordinal) && HiddenElement().IsMatch(line) ? LineZone.Hidden : LineZone.Code;
            }
        }
    }

    public static void ZoneScript(string text, PhysicalLine[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = Line(text, lines[i]).AsSpan().TrimStart();
            var comment = (trimmed.StartsWith("#") && !(i == 0 && trimmed.StartsWith("#!")))
                || trimmed.StartsWith("//")
                || trimmed.StartsWith("REM ", StringComparison.OrdinalIgnoreCase)
                || trimmed.StartsWith("::");
            lines[i].Zone = comment ? LineZone.Comment : LineZone.Code;
        }
    }

    private static bool IsFence(string line, out char fenceChar, out int length, out string info)
    {
        fenceChar = '\0';
        length = 0;
        info = string.Empty;
        var indent = 0;
        while (indent < line.Length && indent < 4 && line[indent] == ' ')
        {
            indent++;
        }

        if (indent > 3 || indent >= line.Length || line[indent] is not ('`' or '~'))
        {
            return false;
        }

        var c = line[indent];
        var end = indent;
        while (end < line.Length && line[end] == c)
        {
            end++;
        }

        if (end - indent < 3)
        {
            return false;
        }

        fenceChar = c;
        length = end - indent;
        info = line[end..].Trim();
        return true;
    }

    private static string Line(string text, PhysicalLine line) => text.Substring(line.Start, line.Length);

    [GeneratedRegex(@"^\s*\[[^\]\n]*\]:\s*(#|<>)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex LinkReferenceComment();

    [GeneratedRegex(
        @"<(?<tag>div|span|p|section|small|sub|sup|font|details)\b[^>\n]*(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0(\.0*)?\s*[;""']|color\s*:\s*(white|#fff\b|#ffffff|transparent)|\shidden\b|\saria-hidden\s*=\s*[""']?true)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex HiddenElement();
}
