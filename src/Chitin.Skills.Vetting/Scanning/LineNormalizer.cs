namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Produces the two matching views of a line. The text view drops invisible characters and maps look-alike letters to
/// ASCII. The code view also decodes <c>\xHH</c>, <c>\uHHHH</c> and octal escapes, joins split string literals
/// (<c>"cu"+"rl"</c>, <c>"cu""rl"</c>), removes quotes, turns <c>${IFS}</c> into a space and backslashes into slashes,
/// so that obfuscated commands read as the shell would run them.
/// </summary>
internal static class LineNormalizer
{
    private static readonly SearchValues<char> CodeSpecials = SearchValues.Create("\"'\\$+.");

    public static string ToText(string line)
    {
        if (Ascii.IsValid(line))
        {
            return line;
        }

        var builder = new StringBuilder(line.Length);
        foreach (var rune in line.EnumerateRunes())
        {
            if (Confusables.IsInvisible(rune))
            {
                continue;
            }

            if (Confusables.ToAscii(rune) is { } ascii)
            {
                builder.Append(ascii);
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    public static string ToCode(string text)
    {
        if (text.AsSpan().IndexOfAny(CodeSpecials) < 0)
        {
            return text;
        }

        var decoded = DecodeEscapes(text);
        var builder = new StringBuilder(decoded.Length);
        var open = '\0';
        for (var i = 0; i < decoded.Length; i++)
        {
            var c = decoded[i];
            if (c is '"' or '\'')
            {
                if (open == '\0')
                {
                    open = c;
                }
                else if (c == open)
                {
                    // A closing quote, a '+' or '.' concatenation and an opening quote of the same kind: drop them all.
                    var next = SkipConcatenation(decoded, i + 1, c);
                    if (next > 0)
                    {
                        i = next;
                    }
                    else
                    {
                        open = '\0';
                    }
                }

                continue;
            }

            if (c == '\\')
            {
                builder.Append('/');
                continue;
            }

            if (c == '$' && Matches(decoded, i, "${IFS}"))
            {
                builder.Append(' ');
                i += 5;
                continue;
            }

            if (c == '$' && Matches(decoded, i, "$IFS") && (i + 4 >= decoded.Length || !char.IsLetterOrDigit(decoded[i + 4])))
            {
                builder.Append(' ');
                i += 3;
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>If a concatenation operator and another quote follow position <paramref name="start"/>, the index of that quote; otherwise -1.</summary>
    private static int SkipConcatenation(string text, int start, char quote)
    {
        var i = start;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (i < text.Length && text[i] is '+' or '.')
        {
            i++;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            return i < text.Length && text[i] == quote ? i : -1;
        }

        return -1;
    }

    private static bool Matches(string text, int index, string value) =>
        string.CompareOrdinal(text, index, value, 0, value.Length) == 0;

    private static string DecodeEscapes(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var kind = text[i + 1];
                if (kind is 'x' or 'X' && TryHex(text, i + 2, 2, out var hex))
                {
                    builder.Append((char)hex);
                    i += 3;
                    continue;
                }

                if (kind == 'u' && TryHex(text, i + 2, 4, out var unicode))
                {
                    builder.Append((char)unicode);
                    i += 5;
                    continue;
                }

                if (kind is >= '0' and <= '3' && i + 3 < text.Length && IsOctal(text[i + 2]) && IsOctal(text[i + 3]))
                {
                    builder.Append((char)(((kind - '0') * 64) + ((text[i + 2] - '0') * 8) + (text[i + 3] - '0')));
                    i += 3;
                    continue;
                }
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static bool TryHex(string text, int start, int length, out int value)
    {
        value = 0;
        return start + length <= text.Length
            && int.TryParse(text.AsSpan(start, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
