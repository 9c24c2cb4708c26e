namespace Chitin.Storage.Checkpoints;

/// <summary>
/// One .gitignore line. Plain names, "*.ext" and "prefix*" are matched with string comparisons (the common
/// cases, checked for every file of every scan); anything else goes through a regular expression.
/// </summary>
internal sealed class IgnorePattern
{
    private readonly string _text;
    private readonly MatchKind _kind;
    private readonly Regex? _regex;

    private IgnorePattern(string text, bool negated, bool directoryOnly, bool anchored)
    {
        Negated = negated;
        DirectoryOnly = directoryOnly;
        Anchored = anchored;
        var wild = text.AsSpan().IndexOfAny("*?[\\") >= 0;
        if (!wild)
        {
            (_kind, _text) = (MatchKind.Exact, text);
        }
        else if (!anchored && text.Length > 1 && text[0] == '*' && text.AsSpan(1).IndexOfAny("*?[\\") < 0)
        {
            (_kind, _text) = (MatchKind.Suffix, text[1..]);
        }
        else if (!anchored && text.Length > 1 && text[^1] == '*' && text.AsSpan(0, text.Length - 1).IndexOfAny("*?[\\") < 0)
        {
            (_kind, _text) = (MatchKind.Prefix, text[..^1]);
        }
        else
        {
            (_kind, _text) = (MatchKind.Regex, text);
            _regex = new Regex(ToRegex(text), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
    }

    private enum MatchKind
    {
        Exact,
        Suffix,
        Prefix,
        Regex,
    }

    /// <summary>"!pattern": a match un-ignores.</summary>
    public bool Negated { get; }

    /// <summary>"pattern/": matches directories only.</summary>
    public bool DirectoryOnly { get; }

    /// <summary>Contains a slash: matched against the path from the .gitignore's folder, not the name alone.</summary>
    public bool Anchored { get; }

    /// <summary>Null for blank lines and comments.</summary>
    public static IgnorePattern? Parse(string line)
    {
        var text = line.TrimEnd('\r');
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        // Trailing spaces are ignored unless escaped with a backslash.
        while (text.Length > 0 && text[^1] == ' ' && !(text.Length > 1 && text[^2] == '\\'))
        {
            text = text[..^1];
        }

        var negated = text.StartsWith('!');
        if (negated)
        {
            text = text[1..];
        }
        else if (text.StartsWith("\\!", StringComparison.Ordinal) || text.StartsWith("\\#", StringComparison.Ordinal))
        {
            text = text[1..];
        }

        var directoryOnly = text.EndsWith('/');
        text = text.TrimEnd('/');
        var anchored = text.Contains('/', StringComparison.Ordinal);
        text = text.TrimStart('/');
        return text.Length == 0 ? null : new IgnorePattern(text, negated, directoryOnly, anchored);
    }

    /// <param name="relativePath">Path from the .gitignore's folder, with '/' separators.</param>
    /// <param name="name">The last segment of the path.</param>
    public bool Matches(string relativePath, string name, bool isDirectory)
    {
        if (DirectoryOnly && !isDirectory)
        {
            return false;
        }

        var subject = Anchored ? relativePath : name;
        return _kind switch
        {
            MatchKind.Exact => string.Equals(subject, _text, StringComparison.Ordinal),
            MatchKind.Suffix => subject.EndsWith(_text, StringComparison.Ordinal),
            MatchKind.Prefix => subject.StartsWith(_text, StringComparison.Ordinal),
            _ => _regex!.IsMatch(subject),
        };
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var atStart = i == 0 || pattern[i - 1] == '/';
                var slashAfter = i + 2 < pattern.Length && pattern[i + 2] == '/';
                if (atStart && slashAfter)
                {
                    regex.Append("(?:.*/)?"); // "**/": zero or more folders
                    i += 2;
                }
                else
                {
                    regex.Append(".*"); // "/**" at the end: everything inside
                    i++;
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var close and > 0)
            {
                var body = pattern[(i + 1)..close];
                if (body.StartsWith('!'))
                {
                    body = "^" + body[1..];
                }

                regex.Append('[').Append(body.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
