namespace Chitin.Tools.Files;

/// <summary>A unified diff of two texts (line based, via DiffPlex), with a few context lines around each change.</summary>
internal sealed record UnifiedDiff(string Text, int LinesAdded, int LinesRemoved)
{
    public const int ContextLines = 3;

    private static readonly CustomFunctionChunker Lines = new(SplitKeepingLineEnds);

    /// <param name="oldLabel">Shown after "---", e.g. "a/src/x.cs" or "/dev/null".</param>
    public static UnifiedDiff Create(string oldText, string newText, string oldLabel, string newLabel)
    {
        var diff = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, Lines);
        var blocks = diff.DiffBlocks.OrderBy(block => block.DeleteStartA).ToArray();
        if (blocks.Length == 0)
        {
            return new UnifiedDiff("", 0, 0);
        }

        var text = new StringBuilder().Append("--- ").Append(oldLabel).Append("\n+++ ").Append(newLabel).Append('\n');
        foreach (var hunk in GroupIntoHunks(blocks))
        {
            RenderHunk(text, diff, hunk);
        }

        text.Length--; // the last newline
        return new UnifiedDiff(text.ToString(), blocks.Sum(block => block.InsertCountB), blocks.Sum(block => block.DeleteCountA));
    }

    private static List<DiffBlock[]> GroupIntoHunks(DiffBlock[] blocks)
    {
        var hunks = new List<DiffBlock[]>();
        var current = new List<DiffBlock> { blocks[0] };
        foreach (var block in blocks.Skip(1))
        {
            var previous = current[^1];
            var unchangedBetween = block.DeleteStartA - (previous.DeleteStartA + previous.DeleteCountA);
            if (unchangedBetween > 2 * ContextLines)
            {
                hunks.Add([.. current]);
                current.Clear();
            }

            current.Add(block);
        }

        hunks.Add([.. current]);
        return hunks;
    }

    private static void RenderHunk(StringBuilder text, DiffResult diff, DiffBlock[] hunk)
    {
        var first = hunk[0];
        var last = hunk[^1];
        var oldStart = Math.Max(0, first.DeleteStartA - ContextLines);
        var newStart = first.InsertStartB - (first.DeleteStartA - oldStart);
        var oldEnd = Math.Min(diff.PiecesOld.Count, last.DeleteStartA + last.DeleteCountA + ContextLines);
        var newEnd = last.InsertStartB + last.InsertCountB + (oldEnd - (last.DeleteStartA + last.DeleteCountA));

        text.Append(CultureInfo.InvariantCulture,
            $"@@ -{RangeOf(oldStart, oldEnd - oldStart)} +{RangeOf(newStart, newEnd - newStart)} @@\n");
        var position = oldStart;
        foreach (var block in hunk)
        {
            AppendLines(text, ' ', diff.PiecesOld, position, block.DeleteStartA);
            AppendLines(text, '-', diff.PiecesOld, block.DeleteStartA, block.DeleteStartA + block.DeleteCountA);
            AppendLines(text, '+', diff.PiecesNew, block.InsertStartB, block.InsertStartB + block.InsertCountB);
            position = block.DeleteStartA + block.DeleteCountA;
        }

        AppendLines(text, ' ', diff.PiecesOld, position, oldEnd);
    }

    /// <summary>"start,count" with 1-based start; an empty range names the line before it, as diff(1) does.</summary>
    private static string RangeOf(int start, int count) =>
        count == 0 ? string.Create(CultureInfo.InvariantCulture, $"{start},0") : string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}");

    private static void AppendLines(StringBuilder text, char marker, IReadOnlyList<string> lines, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var line = lines[i];
            var content = line.AsSpan().TrimEnd("\r\n");
            text.Append(marker).Append(content).Append('\n');
            if (!line.EndsWith('\n'))
            {
                text.Append("\\ No newline at end of file\n");
            }
        }
    }

    /// <summary>Lines with their terminators, so a missing final newline is a real difference.</summary>
    private static IReadOnlyList<string> SplitKeepingLineEnds(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }
}
