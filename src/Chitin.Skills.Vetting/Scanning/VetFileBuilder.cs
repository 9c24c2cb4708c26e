namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Splits a decoded file into lines, has <see cref="LineZoning"/> decide each line's zone, marks caution, and builds the units and blocks the rules match against.</summary>
internal static partial class VetFileBuilder
{
    private const int CautionWindow = 3;
    private const int MaxProseUnitLines = 40;
    private const int MaxCodeUnitLines = 60;
    private static readonly int[] SingleStart = [0];

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
                LineZoning.ZoneMarkdown(text, lines, fenceDelimiters, fenceIds);
                break;
            case FileFormat.Markup:
                LineZoning.ZoneMarkup(text, lines);
                break;
            case FileFormat.PlainText:
                break;
            default:
                LineZoning.ZoneScript(text, lines);
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
            if (format == FileFormat.Markdown && lines[i].Zone == LineZone.Prose && span.TrimStart().StartsWith('#') && Heading().IsMatch(span))
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
        if (first == last)
        {
            var lineText = LineNormalizer.ToText(Line(text, lines[first]));
            if (zone == LineZone.Code)
            {
                variables.Record(lineText);
            }

            return new TextUnit
            {
                FirstLine = first,
                LastLine = last,
                Zone = zone,
                Text = lineText,
                Code = variables.Substitute(LineNormalizer.ToCode(lineText)),
                TextStarts = SingleStart,
                CodeStarts = SingleStart,
            };
        }

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

        var trimmed = span.TrimStart();
        return zone == LineZone.Prose && trimmed.Length > 0 && (trimmed[0] is '#' or '-' or '*' or '+' or '|' or '>' || char.IsAsciiDigit(trimmed[0])) && ParagraphBreak().IsMatch(span);
    }

    private static string Line(string text, PhysicalLine line) => text.Substring(line.Start, line.Length);

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}(#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|\||>)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex ParagraphBreak();
}
