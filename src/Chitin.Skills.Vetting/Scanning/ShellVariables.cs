namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Tracks simple variable assignments of one file (<c>URL="https://…"</c>, <c>export C=curl</c>, PowerShell
/// <c>$u = '…'</c>) in order and substitutes <c>$NAME</c> and <c>${NAME}</c> in later lines, so a payload split over
/// variables reads as the command it becomes.
/// </summary>
internal sealed partial class ShellVariables
{
    private const int MaxValueLength = 2_000;
    private const int MaxVariables = 500;
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    /// <summary>Records the assignments found in <paramref name="text"/> (the text view of a line).</summary>
    public void Record(string text)
    {
        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return;
        }

        foreach (var segment in text.Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var statement = StripPrefix(segment);
            var powerShell = statement.StartsWith('$');
            var start = powerShell ? 1 : 0;
            var nameEnd = start;
            while (nameEnd < statement.Length && (char.IsAsciiLetterOrDigit(statement[nameEnd]) || statement[nameEnd] == '_'))
            {
                nameEnd++;
            }

            if (nameEnd == start || char.IsAsciiDigit(statement[start]))
            {
                continue;
            }

            var equals = nameEnd;
            if (powerShell)
            {
                while (equals < statement.Length && statement[equals] == ' ')
                {
                    equals++;
                }
            }

            if (equals >= statement.Length || statement[equals] != '=' || (equals + 1 < statement.Length && statement[equals + 1] == '='))
            {
                continue;
            }

            var valueStart = equals + 1;
            if (powerShell)
            {
                while (valueStart < statement.Length && statement[valueStart] == ' ')
                {
                    valueStart++;
                }
            }

            var raw = ReadValue(statement, valueStart);
            if (raw.StartsWith("$(", StringComparison.Ordinal) || raw.StartsWith('`'))
            {
                // Keep $(…) results symbolic unless they fetch or decode: "eval $X" after "X=$(curl …)" must read as
                // "eval $(curl …)", but "TOKEN=$(jq … config)" must not smear the config path over every use of $TOKEN.
                if (!FetchOrDecode().IsMatch(raw))
                {
                    continue;
                }
            }

            if (values.Count < MaxVariables || values.ContainsKey(statement[start..nameEnd]))
            {
                var value = Substitute(LineNormalizer.ToCode(raw));
                values[statement[start..nameEnd]] = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
            }
        }
    }

    /// <summary>Replaces references to known variables in <paramref name="code"/> (the code view of a line).</summary>
    public string Substitute(string code)
    {
        if (values.Count == 0 || !code.Contains('$', StringComparison.Ordinal))
        {
            return code;
        }

        var builder = new StringBuilder(code.Length + 32);
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] == '$' && i + 1 < code.Length)
            {
                var braced = code[i + 1] == '{';
                var start = braced ? i + 2 : i + 1;
                var end = start;
                while (end < code.Length && (char.IsAsciiLetterOrDigit(code[end]) || code[end] == '_'))
                {
                    end++;
                }

                if (end > start && (!braced || (end < code.Length && code[end] == '}')) && values.TryGetValue(code[start..end], out var value))
                {
                    builder.Append(value);
                    i = braced ? end : end - 1;
                    continue;
                }
            }

            builder.Append(code[i]);
        }

        return builder.Length > code.Length + (MaxValueLength * 4) ? builder.ToString(0, code.Length + (MaxValueLength * 4)) : builder.ToString();
    }

    private static string StripPrefix(string statement)
    {
        foreach (var prefix in (string[])["export ", "local ", "readonly ", "declare -x ", "declare ", "set ", "const ", "let ", "var "])
        {
            if (statement.StartsWith(prefix, StringComparison.Ordinal))
            {
                return statement[prefix.Length..].TrimStart();
            }
        }

        return statement;
    }

    /// <summary>The value after '=': quoted and unquoted parts up to the next unquoted blank (<c>'s''h'</c>, <c>"$A"rl</c>), or a <c>$( … )</c> command substitution.</summary>
    private static string ReadValue(string statement, int start)
    {
        var end = start;
        while (end < statement.Length)
        {
            var c = statement[end];
            if (c is '"' or '\'')
            {
                var close = statement.IndexOf(c, end + 1);
                end = close < 0 ? statement.Length : close + 1;
            }
            else if (c == '$' && end + 1 < statement.Length && statement[end + 1] == '(')
            {
                var depth = 0;
                var i = end + 1;
                for (; i < statement.Length; i++)
                {
                    depth += statement[i] switch { '(' => 1, ')' => -1, _ => 0 };
                    if (depth == 0)
                    {
                        break;
                    }
                }

                end = Math.Min(statement.Length, i + 1);
            }
            else if (char.IsWhiteSpace(c) || c is '&' or '|')
            {
                break;
            }
            else
            {
                end++;
            }
        }

        return statement[start..end];
    }

    [GeneratedRegex(@"\b(curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|nc|ncat|base64|xxd|openssl)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex FetchOrDecode();
}
