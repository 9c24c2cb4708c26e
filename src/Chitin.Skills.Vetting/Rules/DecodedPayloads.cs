namespace Chitin.Skills.Vetting.Rules;

/// <summary>Decodes candidate base64 and hex runs and tells whether the result reads like a command.</summary>
internal static class DecodedPayloads
{
    public const int MinimumRun = 20;

    /// <summary>The decoded text if <paramref name="run"/> is valid base64 or base64url that decodes to mostly printable text; otherwise null.</summary>
    public static string? TryBase64(ReadOnlySpan<char> run)
    {
        var text = run.TrimEnd('=').ToString().Replace('-', '+').Replace('_', '/');
        var padding = (4 - (text.Length % 4)) % 4;
        if (padding == 3)
        {
            return null;
        }

        text += new string('=', padding);
        var bytes = new byte[(text.Length / 4) * 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            return null;
        }

        return Printable(bytes.AsSpan(0, written));
    }

    /// <summary>The decoded text if <paramref name="run"/> is hex that decodes to mostly printable text; otherwise null.</summary>
    public static string? TryHex(ReadOnlySpan<char> run)
    {
        if (run.Length % 2 != 0)
        {
            return null;
        }

        try
        {
            return Printable(Convert.FromHexString(run));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Text from decoded bytes when at least 90% is printable ASCII or common whitespace.</summary>
    public static string? Printable(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
        {
            return null;
        }

        var printable = 0;
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                printable++;
            }
        }

        return printable * 10 >= bytes.Length * 9 ? Encoding.ASCII.GetString(bytes) : null;
    }

    /// <summary>True when the decoded text looks like a command, a URL or code that touches secrets.</summary>
    public static bool LooksDangerous(string decoded) => Patterns.DangerSignature().IsMatch(decoded);

    /// <summary>Mixed case plus a digit or '+', '/': the texture of base64, unlike long identifiers or words.</summary>
    public static bool LooksLikeBase64(ReadOnlySpan<char> run)
    {
        bool upper = false, lower = false, other = false;
        foreach (var c in run)
        {
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            other |= char.IsAsciiDigit(c) || c is '+' or '/';
        }

        return upper && lower && other;
    }

    public static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_';

    public static bool IsHexRun(ReadOnlySpan<char> run)
    {
        foreach (var c in run)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
