namespace Chitin.Tools.Files;

/// <summary>
/// Applies exact-text edits in order to a file's content, all or nothing: each edit's old text must occur exactly
/// once (or at least once with replace_all). Failures explain what was found instead, so the model can fix the call.
/// </summary>
internal static class TextEditor
{
    private const int MaxLinesListed = 10;
    private const int MaxQuotedChars = 200;

    /// <summary>The edited content, or null with one problem per failed edit.</summary>
    public static string? Apply(string content, IReadOnlyList<TextEdit> edits, List<string> problems, out int replacements)
    {
        replacements = 0;
        var useCrLf = content.Contains("\r\n", StringComparison.Ordinal);
        for (var index = 0; index < edits.Count; index++)
        {
            var edit = AdaptLineEndings(edits[index], content, useCrLf);
            var label = edits.Count == 1 ? "" : $"edits[{index}]: ";
            if (edit.Old.Length == 0)
            {
                problems.Add($"{label}'old' is empty; an empty old text only creates a new file.");
                continue;
            }

            if (edit.Old == edit.New)
            {
                problems.Add($"{label}'old' and 'new' are identical; nothing would change.");
                continue;
            }

            var positions = FindAll(content, edit.Old);
            if (positions.Count == 0)
            {
                problems.Add(label + NotFound(content, edit.Old, index > 0));
                continue;
            }

            if (positions.Count > 1 && !edit.ReplaceAll)
            {
                var lines = positions.Take(MaxLinesListed).Select(position => LineNumberAt(content, position).ToString(CultureInfo.InvariantCulture));
                var more = positions.Count > MaxLinesListed ? ", …" : "";
                problems.Add($"{label}'old' occurs {positions.Count} times (lines {string.Join(", ", lines)}{more}); "
                             + "include more surrounding lines to make it unique, or set replace_all=true.");
                continue;
            }

            content = content.Replace(edit.Old, edit.New, StringComparison.Ordinal);
            replacements += positions.Count;
        }

        return problems.Count == 0 ? content : null;
    }

    /// <summary>Files with CRLF line ends still match an old text the model wrote with plain LF.</summary>
    private static TextEdit AdaptLineEndings(TextEdit edit, string content, bool useCrLf)
    {
        if (!useCrLf || edit.Old.Contains('\r', StringComparison.Ordinal) || !edit.Old.Contains('\n', StringComparison.Ordinal)
            || content.Contains(edit.Old, StringComparison.Ordinal))
        {
            return edit;
        }

        return edit with
        {
            Old = edit.Old.Replace("\n", "\r\n", StringComparison.Ordinal),
            New = edit.New.Contains('\r', StringComparison.Ordinal) ? edit.New : edit.New.Replace("\n", "\r\n", StringComparison.Ordinal),
        };
    }

    private static List<int> FindAll(string content, string value)
    {
        var positions = new List<int>();
        for (var position = content.IndexOf(value, StringComparison.Ordinal);
             position >= 0;
             position = content.IndexOf(value, position + value.Length, StringComparison.Ordinal))
        {
            positions.Add(position);
        }

        return positions;
    }

    private static string NotFound(string content, string old, bool afterEarlierEdits)
    {
        var lines = content.Split('\n');
        var where = afterEarlierEdits ? "after the earlier edits, " : "";
        var message = new StringBuilder($"'old' was not found ({where}the file has {Wording.Count(TextFile.CountLines(content), "line")}). ");
        message.Append(Hint(lines, old) ?? "No line resembles its first line. ");
        message.Append("Read the file again and copy the text exactly, including indentation.");
        return message.ToString();
    }

    /// <summary>Points at the line the model probably meant: same first line with other text after it, or same text modulo whitespace or case.</summary>
    private static string? Hint(string[] lines, string old)
    {
        var firstLine = old.Split('\n').Select(line => line.TrimEnd('\r')).FirstOrDefault(line => line.Trim().Length > 0);
        if (firstLine is null)
        {
            return null;
        }

        var exact = Array.FindIndex(lines, line => line.Contains(firstLine, StringComparison.Ordinal));
        if (exact >= 0 && old.Contains('\n', StringComparison.Ordinal))
        {
            return $"Its first line matches line {exact + 1}, but the lines after it differ: {Quote(lines[exact])}. ";
        }

        var normalized = CollapseWhitespace(firstLine);
        var spaced = Array.FindIndex(lines, line => CollapseWhitespace(line).Contains(normalized, StringComparison.Ordinal));
        if (spaced >= 0)
        {
            return $"Line {spaced + 1} matches except for whitespace: {Quote(lines[spaced])}. ";
        }

        var cased = Array.FindIndex(lines, line => CollapseWhitespace(line).Contains(normalized, StringComparison.OrdinalIgnoreCase));
        return cased >= 0 ? $"Line {cased + 1} matches except for letter case: {Quote(lines[cased])}. " : null;
    }

    private static string CollapseWhitespace(string text) => PlainText.Collapse(text);

    private static string Quote(string line)
    {
        var trimmed = line.TrimEnd('\r');
        return "`" + (trimmed.Length <= MaxQuotedChars ? trimmed : trimmed[..MaxQuotedChars] + "…") + "`";
    }

    private static int LineNumberAt(string content, int position) => content.AsSpan(0, position).Count('\n') + 1;
}
