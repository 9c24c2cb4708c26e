namespace Chitin.Tools.Search;

/// <summary>
/// Collects grep results in one of three modes, showing at most a fixed number of matching lines (content) or
/// files (files, count) and counting the rest. Content lines read "path:line:text", context lines "path-line-text",
/// and "--" separates groups that are not adjacent, as grep -n -C does.
/// </summary>
internal sealed class GrepReport(string mode, int cap)
{
    public const string ContentMode = "content";
    public const string FilesMode = "files";
    public const string CountMode = "count";

    private const int MaxLineChars = 400;
    private const int CharsBeforeMatch = 80;

    private readonly StringBuilder _text = new();
    private string? _lastFile;
    private long _lastLine;
    private int _shown;

    public string Mode => mode;

    public long Matches { get; private set; }

    public long Omitted { get; private set; }

    public int FilesSearched { get; set; }

    public int FilesMatched { get; private set; }

    public int SkippedBinary { get; set; }

    public int SkippedLarge { get; set; }

    /// <summary>Files not searched because read_file may not read them.</summary>
    public int SkippedDenied { get; init; }

    /// <summary>Whether another matching line can still be shown (content mode).</summary>
    public bool HasRoom => _shown < cap;

    /// <summary>Counts a matching line; returns whether it is shown.</summary>
    public bool CountMatch()
    {
        Matches++;
        if (mode != ContentMode)
        {
            return false;
        }

        if (_shown < cap)
        {
            _shown++;
            return true;
        }

        Omitted++;
        return false;
    }

    /// <summary>Appends a matching or context line of a file (content mode); <paramref name="matchIndex"/> centres long lines.</summary>
    public void AddLine(string file, long number, string text, bool isMatch, int matchIndex)
    {
        if (_lastFile is not null && (_lastFile != file || number > _lastLine + 1))
        {
            _text.Append("--\n");
        }

        _lastFile = file;
        _lastLine = number;
        _text.Append(file).Append(isMatch ? ':' : '-').Append(number.ToString(CultureInfo.InvariantCulture)).Append(isMatch ? ':' : '-')
            .Append(Excerpt(text, matchIndex)).Append('\n');
    }

    /// <summary>Records a file's number of matching lines (all modes); in files and count modes also lists it.</summary>
    public void AddFile(string file, long matchingLines)
    {
        if (matchingLines == 0)
        {
            return;
        }

        FilesMatched++;
        if (mode == ContentMode)
        {
            return;
        }

        if (_shown >= cap)
        {
            Omitted++;
            return;
        }

        _shown++;
        _text.Append(file);
        if (mode == CountMode)
        {
            _text.Append(':').Append(matchingLines.ToString(CultureInfo.InvariantCulture));
        }

        _text.Append('\n');
    }

    public string Render(string pattern, string where, bool walkStopped)
    {
        var text = new StringBuilder();
        if (FilesMatched == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"No matches for /{pattern}/ in '{where}' ({FilesSearched:N0} files searched");
            if (SkippedBinary > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {SkippedBinary:N0} binary files skipped");
            }

            text.Append("; .gitignored files are skipped).");
        }
        else
        {
            text.Append(_text);
            text.Length--; // the last newline
        }

        if (Omitted > 0)
        {
            var what = mode == ContentMode ? $"{Omitted:N0} more matching lines" : $"{Omitted:N0} more files";
            text.Append(CultureInfo.InvariantCulture, $"\n[... {what} not shown (limit {cap}); narrow the pattern, path or glob]");
        }

        if (SkippedLarge > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[{SkippedLarge:N0} files over {GrepTool.MaxFileBytes / (1024 * 1024)} MB were not searched]");
        }

        if (SkippedDenied > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n[{SkippedDenied:N0} file{(SkippedDenied == 1 ? " was" : "s were")} not searched: permission rules deny read_file on {(SkippedDenied == 1 ? "it" : "them")}]");
        }

        if (walkStopped)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[search stopped after {IgnoreAwareWalker.MaxEntries:N0} entries; use a narrower path]");
        }

        return text.ToString();
    }

    private static string Excerpt(string line, int matchIndex)
    {
        if (line.Length <= MaxLineChars)
        {
            return line;
        }

        var start = Math.Clamp(matchIndex - CharsBeforeMatch, 0, line.Length - MaxLineChars);
        if (start > 0 && char.IsLowSurrogate(line[start]))
        {
            start--;
        }

        var end = Math.Min(line.Length, start + MaxLineChars);
        if (end < line.Length && char.IsHighSurrogate(line[end - 1]))
        {
            end--;
        }

        return (start > 0 ? "…" : "") + line[start..end] + (end < line.Length ? "…" : "");
    }
}
