namespace Chitin.Security.Redaction;

/// <summary>
/// One secret format. The regex's "secret" group (or the whole match) is replaced by
/// <c>[REDACTED:<see cref="Kind"/>]</c>; text around it in the match (a header or key name) is kept. The
/// <see cref="SecretCheck"/> looks at the "check" group when there is one, otherwise at the secret.
/// </summary>
internal sealed class SecretPattern(Regex regex, string kind, SecretCheck check = SecretCheck.None)
{
    private readonly string _marker = "[REDACTED:" + kind + "]";

    public string Kind { get; } = kind;

    public string Apply(string text) => regex.Replace(text, Replace);

    private string Replace(Match match)
    {
        var secret = match.Groups["secret"];
        var (start, length) = secret.Success ? (secret.Index - match.Index, secret.Length) : (0, match.Length);
        var checkedPart = match.Groups["check"];
        var value = checkedPart.Success ? checkedPart.ValueSpan : match.ValueSpan.Slice(start, length);
        if (!Accept(value))
        {
            return match.Value;
        }

        return string.Concat(match.ValueSpan[..start], _marker, match.ValueSpan[(start + length)..]);
    }

    private bool Accept(ReadOnlySpan<char> value) => check switch
    {
        SecretCheck.LooksRandom => value.ContainsAnyInRange('0', '9') && value.ContainsAnyInRange('A', 'Z') && value.ContainsAnyInRange('a', 'z'),
        SecretCheck.NotPlaceholder => !IsPlaceholderOrCode(value),
        _ => true,
    };

    private static bool IsPlaceholderOrCode(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("[REDACTED", StringComparison.Ordinal) || value[0] is '$' or '%' or '<' or '{' or '@' or '(' or '[')
        {
            return true;
        }

        if (value.ContainsAny("()[]") || !value.ContainsAnyExcept(value[0]))
        {
            return true;
        }

        // A dotted or plain identifier without digits (settings.api_key, user_input) is a variable, not a value.
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetter(c) || c is '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
