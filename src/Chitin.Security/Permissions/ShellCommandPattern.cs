namespace Chitin.Security.Permissions;

/// <summary>
/// The pattern inside <c>run_shell(...)</c>. No <c>*</c>: the command must be exactly this. A single trailing
/// <c>*</c> (<c>git status*</c>) is a prefix: for allow rules it ends on a word boundary (<c>git status</c>,
/// <c>git status -s</c>, not <c>git statuses</c>); for deny and ask rules any continuation counts, so
/// <c>rm -rf*</c> also catches <c>rm -rfv /</c>. A trailing <c>:*</c> (<c>npm run test:*</c>) accepts the prefix
/// followed by nothing, a space or a colon (<c>npm run test</c>, <c>npm run test --watch</c>, <c>npm run test:unit</c>).
/// Any other <c>*</c> matches any run of characters.
/// </summary>
internal sealed class ShellCommandPattern
{
    private readonly string _prefix;
    private readonly Regex? _glob;
    private readonly Shape _shape;

    private ShellCommandPattern(string prefix, Shape shape, Regex? glob)
    {
        _prefix = prefix;
        _shape = shape;
        _glob = glob;
    }

    private enum Shape
    {
        Exact,
        Prefix,
        ColonPrefix,
        Glob,
    }

    public static ShellCommandPattern Create(string pattern)
    {
        var text = PlainText.Collapse(pattern);
        var firstStar = text.IndexOf('*', StringComparison.Ordinal);
        if (firstStar < 0)
        {
            return new ShellCommandPattern(text, Shape.Exact, null);
        }

        if (firstStar == text.Length - 1)
        {
            return text.EndsWith(":*", StringComparison.Ordinal)
                ? new ShellCommandPattern(text[..^2], Shape.ColonPrefix, null)
                : new ShellCommandPattern(text[..^1], Shape.Prefix, null);
        }

        var regex = "^" + string.Join(".*", text.Split('*').Select(Regex.Escape)) + "$";
        return new ShellCommandPattern(text, Shape.Glob, new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | RegexOptions.Singleline));
    }

    /// <param name="restrictive">True for deny and ask rules: prefixes need no word boundary.</param>
    public bool IsMatch(string command, bool restrictive) => _shape switch
    {
        Shape.Exact => command == _prefix,
        Shape.Prefix => command.StartsWith(_prefix, StringComparison.Ordinal)
            && (restrictive || command.Length == _prefix.Length || _prefix.EndsWith(' ') || command[_prefix.Length] == ' ')
            || (_prefix.EndsWith(' ') && command.AsSpan().SequenceEqual(_prefix.AsSpan().TrimEnd(' '))),
        Shape.ColonPrefix => command.StartsWith(_prefix, StringComparison.Ordinal)
            && (restrictive || command.Length == _prefix.Length || command[_prefix.Length] is ' ' or ':'),
        _ => _glob!.IsMatch(command),
    };
}
