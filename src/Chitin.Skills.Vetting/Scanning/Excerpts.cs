namespace Chitin.Skills.Vetting.Scanning;

/// <summary>One-line excerpts of at most 120 characters with control, invisible and bidirectional characters shown escaped.</summary>
internal static class Excerpts
{
    public const int MaxLength = 120;

    /// <summary>An excerpt of <paramref name="line"/> around <paramref name="focus"/> (or from its start when the focus is not found).</summary>
    public static string Of(ReadOnlySpan<char> line, string? focus = null)
    {
        var trimmed = line.Trim();
        var start = 0;
        if (!string.IsNullOrEmpty(focus))
        {
            var at = trimmed.IndexOf(focus.AsSpan(0, Math.Min(focus.Length, 40)), StringComparison.OrdinalIgnoreCase);
            if (at > 40)
            {
                start = at - 40;
            }
        }

        var builder = new StringBuilder(MaxLength + 8);
        if (start > 0)
        {
            builder.Append('…');
        }

        var index = start;
        while (index < trimmed.Length)
        {
            if (Rune.DecodeFromUtf16(trimmed[index..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = 1;
            }

            var shown = Show(rune);
            if (builder.Length + shown.Length > MaxLength - 1)
            {
                builder.Append('…');
                break;
            }

            builder.Append(shown);
            index += consumed;
        }

        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) : builder.ToString();
    }

    /// <summary>Escapes one character if it is a control, format (zero-width, bidi, tag) or other invisible character.</summary>
    public static string Show(Rune rune)
    {
        if (rune.Value == '\t')
        {
            return " ";
        }

        var category = Rune.GetUnicodeCategory(rune);
        var escape = category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            || Confusables.IsInvisible(rune);
        if (!escape)
        {
            return rune.ToString();
        }

        return rune.IsBmp
            ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}")
            : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}");
    }
}
