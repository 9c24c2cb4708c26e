namespace Chitin.Security.Permissions;

/// <summary>
/// One permission rule: <c>tool</c>, a tool-name glob such as <c>mcp__github__*</c>, or <c>tool(pattern)</c>. The
/// pattern is read as the kind of subject the tool declares (<see cref="ITool.Subject"/>): <c>run_shell(git status*)</c>
/// (command), <c>read_file(~/.ssh/**)</c> / <c>write_file(src/**)</c> (path; a rule for one reading tool covers every
/// tool that reads a path, one for an editing tool every tool that edits one), <c>web_fetch(domain:example.com)</c>
/// (host and its subdomains). A deny or ask rule with a pattern on a tool that declares no subject holds for every
/// call of that tool (fail closed); an allow rule then covers none.
/// </summary>
public sealed class PermissionRule
{
    private const string DomainPrefix = "domain:";

    private readonly DomainPattern? _domain;
    private readonly string _home;
    private readonly bool _nameIsGlob;
    private ShellCommandPattern? _command;
    private PathPattern? _path;

    private PermissionRule(string text, string toolPattern, string? specifier, DomainPattern? domain, string home)
    {
        Text = text;
        ToolPattern = toolPattern;
        Specifier = specifier;
        _domain = domain;
        _home = home;
        _nameIsGlob = Wildcard.HasWildcards(toolPattern);
    }

    /// <summary>The rule as written.</summary>
    public string Text { get; }

    /// <summary>The tool name or tool-name glob before the parenthesis.</summary>
    public string ToolPattern { get; }

    /// <summary>The pattern inside the parentheses, or null for a name-only rule.</summary>
    public string? Specifier { get; }

    internal bool IsDomainRule => _domain is not null;

    /// <summary>Parses and validates a rule.</summary>
    /// <param name="where">Where the rule was written, e.g. "permissions.deny[0] of /etc/chitin/managed.json".</param>
    /// <param name="home">The home folder that <c>~</c> means; the current user's when null.</param>
    /// <exception cref="PermissionConfigurationException">The rule is malformed; the message quotes it and <paramref name="where"/>.</exception>
    public static PermissionRule Parse(string text, string where, string? home = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw Invalid(text, where, "the rule is empty");
        }

        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? trimmed : trimmed[..open].Trim();
        string? specifier = null;
        if (open >= 0)
        {
            if (!trimmed.EndsWith(')'))
            {
                throw Invalid(text, where, "missing closing ')'");
            }

            specifier = trimmed[(open + 1)..^1].Trim();
            if (specifier.Length == 0)
            {
                throw Invalid(text, where, $"nothing between the parentheses; write '{name}' alone to match every call");
            }
        }
        else if (trimmed.Contains(')', StringComparison.Ordinal))
        {
            throw Invalid(text, where, "')' without '('");
        }

        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '*' or '?'))
        {
            throw Invalid(text, where, "a tool name may only hold letters, digits, '_', '-', '.' and the wildcards '*' and '?'");
        }

        home ??= DefaultHome();
        if (specifier is null)
        {
            return new PermissionRule(trimmed, name, null, null, home);
        }

        if (Wildcard.HasWildcards(name))
        {
            throw Invalid(text, where, "a rule with a pattern in parentheses needs an exact tool name");
        }

        if (specifier.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid(text, where, "the pattern holds a NUL character");
        }

        DomainPattern? domain = null;
        if (specifier.StartsWith(DomainPrefix, StringComparison.Ordinal))
        {
            domain = DomainPattern.TryCreate(specifier, out var problem) ?? throw Invalid(text, where, problem!);
        }

        return new PermissionRule(trimmed, name, specifier, domain, home);
    }

    internal static string DefaultHome() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>
    /// Whether the rule is about this call's tool at all (its pattern is then checked separately). A pattern rule
    /// covers the tool it names and, for paths, every tool of the run that declares the same kind of subject; when
    /// the run's tools are unknown, a deny or ask rule covers every path tool (fail closed).
    /// </summary>
    internal bool AppliesTo(CallFacts facts, bool restrictive)
    {
        if (Specifier is null)
        {
            return _nameIsGlob ? Wildcard.IsMatch(ToolPattern, facts.ToolName) : ToolPattern == facts.ToolName;
        }

        if (ToolPattern == facts.ToolName)
        {
            return true;
        }

        if (!facts.Subject.IsPath)
        {
            return false;
        }

        return facts.KindOf(ToolPattern) is { } kind ? kind == facts.Subject.Kind : restrictive && _domain is null;
    }

    /// <summary>
    /// Whether a deny rule speaks about reading a file's content, as <paramref name="readTool"/> would: a name rule
    /// on it, or a pattern rule on a tool of the run that reads paths (on <paramref name="readTool"/> itself
    /// before the run's tools are known: the search tools ask for approval, which makes them known, before they read).
    /// </summary>
    internal bool AppliesToRead(string readTool, ToolRegistry? tools)
    {
        if (Specifier is null)
        {
            return _nameIsGlob ? Wildcard.IsMatch(ToolPattern, readTool) : ToolPattern == readTool;
        }

        if (_domain is not null)
        {
            return false;
        }

        return tools is null
            ? ToolPattern == readTool
            : tools.TryGet(ToolPattern, out var tool) && tool.Subject.Kind == ToolSubjectKind.ReadPath;
    }

    internal bool MatchesCommand(string command, bool restrictive) => (_command ??= ShellCommandPattern.Create(Specifier!)).IsMatch(command, restrictive);

    internal bool MatchesPath(string absolutePath, string workspace) => (_path ??= PathPattern.Create(Specifier!, _home)).IsMatch(absolutePath, workspace);

    internal bool MatchesHost(string host) => _domain is not null && _domain.IsMatch(host);

    public override string ToString() => Text;

    private static PermissionConfigurationException Invalid(string text, string where, string problem) =>
        new($"Invalid permission rule \"{text}\" in {where}: {problem}.");
}
