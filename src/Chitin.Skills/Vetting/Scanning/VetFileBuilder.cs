using System.Text;
using System.Text.RegularExpressions;

namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Splits a decoded file into lines, decides each line's zone and caution, and builds the units and blocks the rules match against.</summary>
internal static partial class VetFileBuilder
{
    private const int CautionWindow = 3;
    private const int MaxProseUnitLines = 40;
    private const int MaxCodeUnitLines = 60;

    public static VetFile Build(string relativePath, string text)
    {
        var lines = SplitLines(text);
        var format = FileFormats.Classify(relativePath, text);
        var fenceDelimiters = new bool[lines.Length];
        var fenceIds = new int[lines.Length];
        Array.Fill(fenceIds, -1);
        switch (format)
        {
            case FileFormat.Markdown:
                ZoneMarkdown(text, lines, fenceDelimiters, fenceIds);
                break;
            case FileFormat.Markup:
                ZoneMarkup(text, lines);
                break;
            case FileFormat.PlainText:
                break;
            default:
                ZoneScript(text, lines);
                break;
        }

        MarkCaution(text, lines, format);
        var (units, blocks) = BuildUnits(text, lines, format, fenceDelimiters, fenceIds);
        return new VetFile { RelativePath = relativePath, Format = format, Raw = text, Lines = lines, Units = units, Blocks = blocks };
    }

    private static PhysicalLine[] SplitLines(string text)
    {
        var lines = new List<PhysicalLine>(text.Length / 40 + 1);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                lines.Add(new PhysicalLine { Start = start, Length = i - start });
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length || lines.Count == 0)
        {
            lines.Add(new PhysicalLine { Start = start, Length = text.Length - start });
        }

        return [.. lines];
    }

    private static void ZoneMarkdown(string text, PhysicalLine[] lines, bool[] fenceDelimiters, int[] fenceIds)
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

            if (LinkReferenceComment().IsMatch(line))
            {
                lines[index].Zone = LineZone.Hidden;
                continue;
            }

            var hidden = HiddenElement().Match(line);
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

    private static void ZoneMarkup(string text, PhysicalLine[] lines)
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
                lines[i].Zone = HiddenElement().IsMatch(line) ? LineZone.Hidden : LineZone.Code;
            }
        }
    }

    private static void ZoneScript(string text, PhysicalLine[] lines)
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

    private static void MarkCaution(string text, PhysicalLine[] lines, FileFormat format)
    {
        var vocabulary = new bool[lines.Length];
        var headingCaution = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var span = text.AsSpan(lines[i].Start, lines[i].Length);
            if (span.IsWhiteSpace())
            {
                continue;
            }

            vocabulary[i] = lines[i].Zone != LineZone.Hidden
                && (format == FileFormat.Data ? CautionContext.IsCautionaryData(span) : CautionContext.IsCautionary(span));
            if (format == FileFormat.Markdown && lines[i].Zone == LineZone.Prose && Heading().IsMatch(span))
            {
                headingCaution = vocabulary[i];
            }

            var cautionary = vocabulary[i] || (headingCaution && format == FileFormat.Markdown);
            for (int back = i - 1, seen = 0; !cautionary && back >= 0 && seen < CautionWindow; back--)
            {
                if (text.AsSpan(lines[back].Start, lines[back].Length).IsWhiteSpace())
                {
                    continue;
                }

                seen++;
                cautionary = vocabulary[back];
            }

            if (!cautionary && lines[i].Zone == LineZone.Code)
            {
                cautionary = CautionContext.IsSearch(Line(text, lines[i]));
            }

            lines[i].Cautionary = cautionary && lines[i].Zone != LineZone.Hidden;
        }
    }

    private static (List<TextUnit> Units, List<CodeBlock> Blocks) BuildUnits(string text, PhysicalLine[] lines, FileFormat format, bool[] fenceDelimiters, int[] fenceIds)
    {
        var units = new List<TextUnit>();
        var variables = new ShellVariables();
        var proseBlock = new CodeBlock { IsProse = true };
        var blocks = new List<CodeBlock> { proseBlock };
        var fenceBlocks = new Dictionary<int, CodeBlock>();
        CodeBlock? fileBlock = format is FileFormat.Markdown or FileFormat.PlainText ? null : new CodeBlock();
        if (fileBlock is not null)
        {
            blocks.Add(fileBlock);
        }

        var i = 0;
        while (i < lines.Length)
        {
            var zone = lines[i].Zone;
            if (fenceDelimiters[i] || text.AsSpan(lines[i].Start, lines[i].Length).IsWhiteSpace())
            {
                i++;
                continue;
            }

            var last = i;
            if (zone is LineZone.Code)
            {
                while (last + 1 < lines.Length && last - i < MaxCodeUnitLines && lines[last + 1].Zone == zone && !fenceDelimiters[last + 1] && Continues(Line(text, lines[last])))
                {
                    last++;
                }
            }
            else if (zone is LineZone.Prose or LineZone.FrontMatter or LineZone.Hidden)
            {
                while (last + 1 < lines.Length && last - i < MaxProseUnitLines && lines[last + 1].Zone == zone && !fenceDelimiters[last + 1] && !BreaksParagraph(text, lines[last + 1], zone))
                {
                    last++;
                }
            }

            var unit = MakeUnit(text, lines, i, last, zone, variables);
            CodeBlock block;
            if (fileBlock is not null)
            {
                block = fileBlock;
            }
            else if (zone == LineZone.Code && fenceIds[i] >= 0)
            {
                if (!fenceBlocks.TryGetValue(fenceIds[i], out block!))
                {
                    block = new CodeBlock();
                    fenceBlocks[fenceIds[i]] = block;
                    blocks.Add(block);
                }
            }
            else
            {
                block = proseBlock;
            }

            unit.Block = blocks.IndexOf(block);
            block.Units.Add(unit);
            units.Add(unit);
            i = last + 1;
        }

        return (units, blocks);
    }

    private static TextUnit MakeUnit(string text, PhysicalLine[] lines, int first, int last, LineZone zone, ShellVariables variables)
    {
        var textBuilder = new StringBuilder();
        var codeBuilder = new StringBuilder();
        var textStarts = new int[last - first + 1];
        var codeStarts = new int[last - first + 1];
        for (var i = first; i <= last; i++)
        {
            var raw = Line(text, lines[i]);
            if (zone == LineZone.Code && i < last && raw.TrimEnd().EndsWith('\\'))
            {
                raw = raw.TrimEnd()[..^1];
            }

            var lineText = LineNormalizer.ToText(raw);
            if (zone == LineZone.Code)
            {
                variables.Record(lineText);
            }

            var lineCode = variables.Substitute(LineNormalizer.ToCode(lineText));
            if (i > first)
            {
                textBuilder.Append(zone == LineZone.Code ? ' ' : '\n');
                codeBuilder.Append(zone == LineZone.Code ? ' ' : '\n');
            }

            textStarts[i - first] = textBuilder.Length;
            codeStarts[i - first] = codeBuilder.Length;
            textBuilder.Append(lineText);
            codeBuilder.Append(lineCode);
        }

        return new TextUnit
        {
            FirstLine = first,
            LastLine = last,
            Zone = zone,
            Text = textBuilder.ToString(),
            Code = codeBuilder.ToString(),
            TextStarts = textStarts,
            CodeStarts = codeStarts,
        };
    }

    private static bool Continues(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed.EndsWith('\\') || trimmed.EndsWith('|') || trimmed.EndsWith("&&", StringComparison.Ordinal);
    }

    private static bool BreaksParagraph(string text, PhysicalLine next, LineZone zone)
    {
        var span = text.AsSpan(next.Start, next.Length);
        if (span.IsWhiteSpace())
        {
            return true;
        }

        return zone == LineZone.Prose && ParagraphBreak().IsMatch(span);
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

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}(#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|\||>)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex ParagraphBreak();
}
