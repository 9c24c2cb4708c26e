namespace Chitin.Security.Permissions;

/// <summary>
/// The path glob inside a file rule: <c>/etc/**</c> (absolute), <c>~/.ssh/**</c> (home folder) or <c>src/**</c>
/// (relative to the workspace of each call). <c>**</c> spans folders, <c>*</c> and <c>?</c> stay within one;
/// <c>dir/**</c> also matches <c>dir</c> itself. When the fixed part of the pattern goes through a symbolic
/// link, the resolved form matches too.
/// </summary>
internal sealed class PathPattern
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | RegexOptions.Singleline;

    private readonly string _text;
    private readonly Regex[]? _absolute;
    private readonly ConcurrentDictionary<string, Regex[]>? _byWorkspace;

    private PathPattern(string text, Regex[]? absolute)
    {
        _text = text;
        _absolute = absolute;
        _byWorkspace = absolute is null ? new ConcurrentDictionary<string, Regex[]>(StringComparer.Ordinal) : null;
    }

    public static PathPattern Create(string pattern, string home)
    {
        var isAbsolute = pattern == "~" || pattern.StartsWith("~/", StringComparison.Ordinal) || pattern.StartsWith('/');
        return isAbsolute
            ? new PathPattern(pattern, Compile(PathExpansion.ToAbsolute(pattern, "/", home)))
            : new PathPattern(pattern, null);
    }

    /// <param name="path">An absolute, normalised path.</param>
    /// <param name="workspace">The call's workspace (absolute, normalised) for relative patterns.</param>
    public bool IsMatch(string path, string workspace)
    {
        var regexes = _absolute ?? _byWorkspace!.GetOrAdd(workspace, static (ws, text) => Compile(PathExpansion.ToAbsolute(text, ws, "/")), _text);
        foreach (var regex in regexes)
        {
            if (regex.IsMatch(path))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex[] Compile(string absolutePattern)
    {
        var lexical = new Regex(ToRegex(absolutePattern), Options);
        var wildcard = absolutePattern.AsSpan().IndexOfAny('*', '?');
        var fixedPart = wildcard < 0 ? absolutePattern : absolutePattern[..Math.Max(absolutePattern.LastIndexOf('/', wildcard), 0)];
        var resolved = fixedPart.Length > 1 ? RealPath.Resolve(fixedPart) ?? fixedPart : fixedPart;
        return resolved == fixedPart
            ? [lexical]
            : [lexical, new Regex(ToRegex(resolved + absolutePattern[fixedPart.Length..]), Options)];
    }

    private static string ToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var atEnd = i + 2 == glob.Length;
                var slashBefore = i > 0 && glob[i - 1] == '/';
                if (slashBefore && atEnd)
                {
                    // "dir/**": the folder itself or anything below it.
                    regex.Length -= 1;
                    regex.Append("(?:/.*)?");
                }
                else if (i + 2 < glob.Length && glob[i + 2] == '/')
                {
                    regex.Append("(?:.*/)?");
                    i++;
                }
                else
                {
                    regex.Append(".*");
                }

                i++;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
