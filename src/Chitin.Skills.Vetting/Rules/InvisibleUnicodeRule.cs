namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Invisible characters: Unicode tag characters (text the model reads but no one sees — "ASCII smuggling"),
/// bidirectional overrides and isolates (Trojan Source: code that displays differently from how it runs), zero-width
/// characters inside words or commands, and blank fillers. A zero-width joiner inside an emoji sequence or a
/// zero-width non-joiner between letters of scripts that need it is fine.
/// </summary>
internal sealed class InvisibleUnicodeRule() : NonAsciiLineRule(
    "obfusc.invisible-unicode", FindingSeverity.Block, "Invisible Unicode: tag characters, bidirectional overrides, zero-width characters inside words or code.")
{
    protected override void CheckLine(VetFile file, int index, ReadOnlySpan<char> line, FindingSink sink)
    {
        var runes = new List<Rune>(line.Length);
        foreach (var rune in line.EnumerateRunes())
        {
            runes.Add(rune);
        }

        var smuggled = new StringBuilder();
        string? bidi = null;
        string? zeroWidth = null;
        var zeroWidthBlocks = false;
        var zeroWidthCount = 0;
        for (var i = 0; i < runes.Count; i++)
        {
            var value = runes[i].Value;
            if (value is >= 0xE0000 and <= 0xE007F)
            {
                if (value is >= 0xE0020 and <= 0xE007E)
                {
                    smuggled.Append((char)(value - 0xE0000));
                }

                continue;
            }

            if (value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069)
            {
                bidi ??= Excerpts.Show(runes[i]);
                continue;
            }

            if (!IsZeroWidth(value) || (index == 0 && i == 0 && value == 0xFEFF) || IsLegitimateJoiner(runes, i))
            {
                continue;
            }

            zeroWidth ??= Excerpts.Show(runes[i]);
            zeroWidthCount++;
            var splitsWord = i > 0 && i + 1 < runes.Count && IsAsciiWordChar(runes[i - 1]) && IsAsciiWordChar(runes[i + 1]);
            zeroWidthBlocks |= splitsWord || value is >= 0xE0100 and <= 0xE01EF || file.Lines[index].Zone is LineZone.Code or LineZone.FrontMatter;
        }

        if (smuggled.Length > 0)
        {
            var hidden = smuggled.ToString();
            sink.Add(file, index, Id, FindingSeverity.Block,
                $"Contains invisible Unicode tag characters that spell hidden text for the model: \"{(hidden.Length > 60 ? hidden[..60] + "…" : hidden)}\". Remove them.",
                contextual: false);
        }
        else if (bidi is not null)
        {
            sink.Add(file, index, Id, FindingSeverity.Block,
                $"Contains the bidirectional control {bidi}, which makes text display in a different order than it is read or run (Trojan Source). Remove it.",
                contextual: false);
        }
        else if (zeroWidth is not null)
        {
            var block = zeroWidthBlocks || zeroWidthCount >= 3;
            sink.AddBlockOrWarning(file, index, Id, block,
                $"Contains invisible zero-width characters ({zeroWidth}) inside words or code, which hide or split text so it reads differently to people and programs. Remove them.",
                $"Contains an invisible character ({zeroWidth}). Remove it unless it is needed.",
                contextual: false);
        }
    }

    private static bool IsZeroWidth(int value) =>
        value is 0x200B or 0x200C or 0x200D or >= 0x2060 and <= 0x2064 or 0xFEFF or 0x180E or 0x00AD or 0x034F
            or 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or >= 0xE0100 and <= 0xE01EF;

    /// <summary>ZWJ inside emoji sequences (👨‍👩‍👧) and ZWNJ/ZWJ between letters of Arabic, Persian and Indic scripts are ordinary text.</summary>
    private static bool IsLegitimateJoiner(List<Rune> runes, int i)
    {
        var value = runes[i].Value;
        if (value is not (0x200C or 0x200D) || i == 0 || i + 1 >= runes.Count)
        {
            return false;
        }

        var before = runes[i - 1];
        var after = runes[i + 1];
        if (value == 0x200D && (IsEmojiPart(before) || IsEmojiPart(after)))
        {
            return true;
        }

        return !before.IsAscii && !after.IsAscii && Rune.IsLetter(before) && Rune.IsLetter(after) && before.Value >= 0x0590 && after.Value >= 0x0590;
    }

    private static bool IsEmojiPart(Rune rune) =>
        rune.Value is >= 0x1F000 or 0xFE0F or >= 0x2600 and <= 0x27BF
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol;

    private static bool IsAsciiWordChar(Rune rune) => rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '_');
}
