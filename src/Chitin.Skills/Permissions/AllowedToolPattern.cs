namespace Chitin.Skills.Permissions;

/// <summary>
/// One <c>allowed-tools</c> entry, matched loosely the way Agent Skills authors write them. Tool names map to
/// Chitin's (Bash→run_shell, Read→read_file, Write→write_file, Edit/MultiEdit→edit_file, Grep→grep, Glob→glob,
/// LS→list_dir, WebFetch→web_fetch, WebSearch→web_search, TodoWrite→todo; Chitin names as they are). Patterns:
/// <c>Bash(git:*)</c> = the command is <c>git</c> or starts with <c>git </c>; <c>Bash(npm run *)</c> = wildcard over
/// the whole command; <c>Bash(make test)</c> = exactly that command. A command with shell operators, redirections,
/// substitutions or variables (<c>; &amp; | &lt; &gt; ` $</c>, newlines) never matches a pattern, so
/// <c>git status &amp;&amp; curl …</c> is not covered by <c>Bash(git:*)</c>. File tools take a path glob relative to
/// the workspace (<c>Read(src/**)</c>), web_fetch <c>domain:example.com</c>.
/// </summary>
public sealed partial class AllowedToolPattern
{
    private static readonly Dictionary<string, string> ToolNames = new(StringComparer.Ordinal)
    {
        ["Bash"] = "run_shell",
        ["Read"] = "read_file",
        ["Write"] = "write_file",
        ["Edit"] = "edit_file",
        ["MultiEdit"] = "edit_file",
        ["Grep"] = "grep",
        ["Glob"] = "glob",
        ["LS"] = "list_dir",
        ["WebFetch"] = "web_fetch",
        ["WebSearch"] = "web_search",
        ["TodoWrite"] = "todo",
    };

    private readonly Regex? _wildcard;

    private AllowedToolPattern(string text, string tool, string? specifier)
    {
        Text = text;
        Tool = tool;
        Specifier = specifier;
        if (specifier is not null && !specifier.EndsWith(":*", StringComparison.Ordinal) && specifier.Contains('*', StringComparison.Ordinal))
        {
            _wildcard = new Regex("^" + Regex.Escape(Collapse(specifier)).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The entry as written.</summary>
    public string Text { get; }

    /// <summary>The Chitin tool name it applies to.</summary>
    public string Tool { get; }

    /// <summary>What is inside the parentheses, or null for the whole tool.</summary>
    public string? Specifier { get; }

    /// <summary>Chitin's name for a tool name used in skills written for other agents.</summary>
    public static string MapToolName(string name) => ToolNames.TryGetValue(name, out var mapped) ? mapped : name;

    /// <summary>Parses <c>Name</c> or <c>Name(pattern)</c>; null when the entry is malformed.</summary>
    public static AllowedToolPattern? Parse(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }

        var text = entry.Trim();
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return IsToolName(text) ? new AllowedToolPattern(text, MapToolName(text), null) : null;
        }

        var name = text[..open].Trim();
        if (!text.EndsWith(')') || !IsToolName(name))
        {
            return null;
        }

        var specifier = text[(open + 1)..^1].Trim();
        if (specifier.Length == 0)
        {
            return null;
        }

        return new AllowedToolPattern(text, MapToolName(name), specifier == "*" ? null : specifier);
    }

    /// <summary>Parses every entry, dropping malformed ones.</summary>
    public static IReadOnlyList<AllowedToolPattern> ParseAll(IEnumerable<string> entries) =>
        (entries ?? []).Select(Parse).OfType<AllowedToolPattern>().ToArray();

    /// <summary>True when a call of <paramref name="tool"/> with these arguments is covered; the pattern is read as the subject the tool declares.</summary>
    public bool Matches(ITool tool, JsonElement arguments, string workspace)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (!string.Equals(tool.Name, Tool, StringComparison.Ordinal))
        {
            return false;
        }

        if (Specifier is null)
        {
            return true;
        }

        var subject = tool.Subject;
        if (subject.Kind == ToolSubjectKind.Command)
        {
            return subject.ValueIn(arguments) is { } command && MatchesCommand(command);
        }

        if (subject.IsPath)
        {
            return subject.ValueIn(arguments) is { } path && MatchesPath(path, workspace);
        }

        if (subject.Kind == ToolSubjectKind.Url && Specifier.StartsWith("domain:", StringComparison.Ordinal))
        {
            var domain = Specifier["domain:".Length..].Trim().TrimStart('.').ToLowerInvariant();
            return subject.ValueIn(arguments) is { } url
                   && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                   && domain.Length > 0
                   && (uri.Host.Equals(domain, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));
        }

        return false;
    }

    private bool MatchesCommand(string command)
    {
        if (HasShellSyntax(command))
        {
            return false;
        }

        var normalized = Collapse(command);
        if (Specifier!.EndsWith(":*", StringComparison.Ordinal))
        {
            var prefix = Collapse(Specifier[..^2]);
            return prefix.Length > 0 && (normalized == prefix || normalized.StartsWith(prefix + " ", StringComparison.Ordinal));
        }

        if (_wildcard is not null)
        {
            try
            {
                return _wildcard.IsMatch(normalized);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return normalized == Collapse(Specifier);
    }

    private bool MatchesPath(string path, string workspace)
    {
        if (path.Contains('\0', StringComparison.Ordinal) || path.StartsWith('~') || Specifier!.StartsWith('~'))
        {
            return false;
        }

        var root = Path.GetFullPath(workspace);
        var full = Path.GetFullPath(path, root);
        var specifier = Specifier.Replace('\\', '/');
        string candidate;
        if (Path.IsPathRooted(specifier))
        {
            candidate = full.Replace('\\', '/');
        }
        else
        {
            if (!PathContainment.IsInside(full, root))
            {
                return false;
            }

            candidate = Path.GetRelativePath(root, full).Replace('\\', '/');
            specifier = specifier.StartsWith("./", StringComparison.Ordinal) ? specifier[2..] : specifier;
        }

        return PathGlob(specifier).IsMatch(candidate);
    }

    private static Regex PathGlob(string glob)
    {
        var pattern = Regex.Escape(glob)
            .Replace(@"\*\*/", "(?:.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    private static bool HasShellSyntax(string command) => command.AsSpan().IndexOfAny(";&|<>`$\n\r") >= 0;

    private static bool IsToolName(string name) => name.Length > 0 && ToolNameShape().IsMatch(name);

    private static string Collapse(string text) => PlainText.Collapse(text);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolNameShape();
}
