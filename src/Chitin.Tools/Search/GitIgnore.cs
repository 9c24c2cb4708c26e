namespace Chitin.Tools.Search;

/// <summary>
/// The rules of one .gitignore file, following gitignore(5): '#' comments, '!' negation, a trailing '/' for
/// directories only, a leading or middle '/' anchoring the pattern to the file's folder, '*', '?', '[...]',
/// and '**' for any number of folders. Within a file the last matching rule decides.
/// </summary>
internal sealed class GitIgnore
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly GitIgnoreRule[] _rules;

    private GitIgnore(string baseDirectory, GitIgnoreRule[] rules)
    {
        BaseDirectory = baseDirectory;
        _rules = rules;
    }

    /// <summary>The folder holding the file, relative to the walk's root with '/' separators; "" for the root.</summary>
    public string BaseDirectory { get; }

    public int RuleCount => _rules.Length;

    public static GitIgnore Parse(string baseDirectory, IEnumerable<string> lines) =>
        new(baseDirectory, lines.Select(ParseLine).OfType<GitIgnoreRule>().ToArray());

    /// <summary>Reads an ignore file; a missing or unreadable file has no rules.</summary>
    public static GitIgnore? Load(string baseDirectory, string filePath)
    {
        try
        {
            return File.Exists(filePath) ? Parse(baseDirectory, File.ReadLines(filePath)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when ignored, false when explicitly re-included by a '!' rule, null when no rule matches.</summary>
    /// <param name="relativePath">Path relative to the walk's root with '/' separators, below <see cref="BaseDirectory"/>.</param>
    public bool? Match(string relativePath, bool isDirectory)
    {
        var path = BaseDirectory.Length == 0 ? relativePath : relativePath[(BaseDirectory.Length + 1)..];
        for (var i = _rules.Length - 1; i >= 0; i--)
        {
            var rule = _rules[i];
            if ((!rule.DirectoryOnly || isDirectory) && IsMatch(rule.Pattern, path))
            {
                return !rule.Negated;
            }
        }

        return null;
    }

    private static bool IsMatch(Regex pattern, string path)
    {
        try
        {
            return pattern.IsMatch(path);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static GitIgnoreRule? ParseLine(string line)
    {
        var pattern = TrimUnescapedTrailingSpaces(line);
        if (pattern.Length == 0 || pattern[0] == '#')
        {
            return null;
        }

        var negated = pattern[0] == '!';
        if (negated)
        {
            pattern = pattern[1..];
        }

        var directoryOnly = pattern.EndsWith('/');
        pattern = pattern.TrimEnd('/');
        if (pattern.Length == 0)
        {
            return null;
        }

        var anchored = pattern.Contains('/', StringComparison.Ordinal);
        pattern = pattern.TrimStart('/');
        var body = ToRegex(pattern);
        var regex = new Regex(anchored ? $"^{body}$" : $"^(?:.*/)?{body}$", RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout);
        return new GitIgnoreRule(regex, negated, directoryOnly);
    }

    private static string TrimUnescapedTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\'))
        {
            end--;
        }

        return line[..end].TrimEnd('\r');
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*' && (i == 0 || pattern[i - 1] == '/'):
                    var atEnd = i + 2 == pattern.Length;
                    if (atEnd)
                    {
                        regex.Append(".*"); // "**" or "dir/**": everything inside
                        i++;
                    }
                    else if (pattern[i + 2] == '/')
                    {
                        regex.Append("(?:.*/)?"); // "**/" and "/**/": zero or more folders
                        i += 2;
                    }
                    else
                    {
                        regex.Append("[^/]*");
                        i++;
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    i = AppendCharacterClass(pattern, i, regex);
                    break;
                case '\\' when i + 1 < pattern.Length:
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.ToString();
    }

    /// <summary>Copies "[...]" (with '!' or '^' negation) and returns the index of its ']'; a lone '[' is literal.</summary>
    private static int AppendCharacterClass(string pattern, int open, StringBuilder regex)
    {
        var i = open + 1;
        var negated = i < pattern.Length && pattern[i] is '!' or '^';
        if (negated)
        {
            i++;
        }

        var first = i;
        while (i < pattern.Length && (pattern[i] != ']' || i == first))
        {
            i++;
        }

        if (i >= pattern.Length)
        {
            regex.Append(@"\[");
            return open;
        }

        var members = pattern[first..i].Replace(@"\", @"\\", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal);
        regex.Append('[').Append(negated ? "^" : "").Append(members).Append(']');
        return i;
    }
}
