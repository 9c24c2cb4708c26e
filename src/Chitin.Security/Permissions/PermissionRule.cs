using Chitin.Security.Matching;

namespace Chitin.Security.Permissions;

/// <summary>
/// One permission rule: <c>tool</c>, a tool-name glob such as <c>mcp__github__*</c>, or <c>tool(pattern)</c>:
/// <c>run_shell(git status*)</c> (command), <c>read_file(~/.ssh/**)</c> / <c>write_file(src/**)</c> (path; a rule
/// for one file-reading tool covers read_file, list_dir, glob and grep, one for an editing tool covers write_file
/// and edit_file), <c>web_fetch(domain:example.com)</c> (host and its subdomains).
/// </summary>
public sealed class PermissionRule
{
    private readonly ShellCommandPattern? _command;
    private readonly PathPattern? _path;
    private readonly DomainPattern? _domain;
    private readonly ToolFamily _family;
    private readonly bool _nameIsGlob;

    private PermissionRule(string text, string toolPattern, string? specifier, ToolFamily family, ShellCommandPattern? command, PathPattern? path, DomainPattern? domain)
    {
        Text = text;
        ToolPattern = toolPattern;
        Specifier = specifier;
        _family = family;
        _command = command;
        _path = path;
        _domain = domain;
        _nameIsGlob = Wildcard.HasWildcards(toolPattern);
    }

    /// <summary>The rule as written.</summary>
    public string Text { get; }

    /// <summary>The tool name or tool-name glob before the parenthesis.</summary>
    public string ToolPattern { get; }

    /// <summary>The pattern inside the parentheses, or null for a name-only rule.</summary>
    public string? Specifier { get; }

    internal bool IsCommandRule => _command is not null;

    internal bool IsPathRule => _path is not null;

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

        if (specifier is null)
        {
            return new PermissionRule(trimmed, name, null, ToolFamily.Other, null, null, null);
        }

        if (Wildcard.HasWildcards(name))
        {
            throw Invalid(text, where, "a rule with a pattern in parentheses needs an exact tool name");
        }

        var family = ToolFamilies.Of(name);
        switch (family)
        {
            case ToolFamily.Shell:
                return new PermissionRule(trimmed, name, specifier, family, ShellCommandPattern.Create(specifier), null, null);
            case ToolFamily.FileRead or ToolFamily.FileEdit:
                if (specifier.Contains('\0', StringComparison.Ordinal))
                {
                    throw Invalid(text, where, "the path holds a NUL character");
                }

                return new PermissionRule(trimmed, name, specifier, family, null, PathPattern.Create(specifier, home ?? DefaultHome()), null);
            case ToolFamily.Web:
                var domain = DomainPattern.TryCreate(specifier, out var problem)
                    ?? throw Invalid(text, where, problem!);
                return new PermissionRule(trimmed, name, specifier, family, null, null, domain);
            default:
                throw Invalid(
                    text,
                    where,
                    $"'{name}' takes no pattern: only run_shell (commands), read_file/list_dir/glob/grep/write_file/edit_file (paths) and web_fetch (domain:host) do; write '{name}' alone");
        }
    }

    internal static string DefaultHome() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Whether the rule is about this tool at all (its pattern is then checked separately).</summary>
    internal bool AppliesTo(string toolName, ToolFamily family)
    {
        if (Specifier is null)
        {
            return _nameIsGlob ? Wildcard.IsMatch(ToolPattern, toolName) : ToolPattern == toolName;
        }

        return _family == family && (ToolFamilies.IsFile(family) || ToolPattern == toolName);
    }

    internal bool MatchesCommand(string command, bool restrictive) => _command!.IsMatch(command, restrictive);

    internal bool MatchesPath(string absolutePath, string workspace) => _path!.IsMatch(absolutePath, workspace);

    internal bool MatchesHost(string host) => _domain!.IsMatch(host);

    public override string ToString() => Text;

    private static PermissionConfigurationException Invalid(string text, string where, string problem) =>
        new($"Invalid permission rule \"{text}\" in {where}: {problem}.");
}
