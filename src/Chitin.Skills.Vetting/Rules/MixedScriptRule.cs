namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Homoglyph words: Latin letters mixed with Cyrillic, Greek or Armenian look-alikes in one word ("раypal", "сurl"),
/// or fullwidth/mathematical letters posing as ASCII. In code, front matter, hidden text or next to a URL they block
/// (a command or host that is not what it looks like); in prose they warn.
/// </summary>
internal sealed class MixedScriptRule() : NonAsciiLineRule(
    "obfusc.homoglyph", FindingSeverity.Block, "Homoglyph words mixing Latin with Cyrillic/Greek look-alikes, or fullwidth letters posing as ASCII.")
{
    protected override void CheckLine(VetFile file, int index, ReadOnlySpan<char> line, FindingSink sink)
    {
        var word = FindMixedWord(line);
        if (word is null)
        {
            return;
        }

        var zone = file.Lines[index].Zone;
        var block = zone is LineZone.Code or LineZone.FrontMatter or LineZone.Hidden || line.Contains("://", StringComparison.Ordinal) || line.Contains('`');
        sink.AddBlockOrWarning(file, index, Id, block,
            $"The word '{word}' mixes Latin letters with look-alike letters from another script, so a command, host or name is not what it appears to be. Use plain ASCII.",
            $"The word '{word}' mixes Latin letters with look-alike letters from another script. Check that it is not disguising a name.",
            word, contextual: false);
    }

    private static string? FindMixedWord(ReadOnlySpan<char> line)
    {
        var text = line.ToString();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordRune(text, i, out var width))
            {
                i += width;
                continue;
            }

            var start = i;
            int letters = 0, greek = 0, otherForeign = 0;
            bool latin = false, disguised = false;
            while (i < text.Length && IsWordRune(text, i, out width))
            {
                var rune = Rune.GetRuneAt(text, i);
                letters++;
                latin |= Confusables.IsLatinLetter(rune);
                disguised |= Confusables.IsDisguisedAscii(rune);
                if (Confusables.IsCyrillicGreekOrArmenianLetter(rune) && rune.Value is not (0x03BC or 0x03A9 or 0x03C0 or 0x03BB or 0x0394 or 0x03A3))
                {
                    if (rune.Value is >= 0x0370 and <= 0x03FF)
                    {
                        greek++;
                    }
                    else
                    {
                        otherForeign++;
                    }
                }

                i += width;
            }

            var foreign = greek + otherForeign > 0;

            // Greek letters beside Latin ones in a formula (sinα + cosα, Δx²) are mathematics, not disguise.
            var mathematics = otherForeign == 0 && greek > 0 && (MathBefore(text, start) || MathAfter(text, i));
            if (letters >= 3 && ((latin && foreign && !mathematics) || disguised))
            {
                return text[start..i];
            }
        }

        return null;
    }

    private static bool IsWordRune(string text, int index, out int width)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out width) != System.Buffers.OperationStatus.Done)
        {
            width = 1;
            return false;
        }

        return Rune.IsLetterOrDigit(rune) || rune.Value == '_';
    }

    private static bool MathBefore(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && IsMath(text[i]);
    }

    private static bool MathAfter(string text, int end)
    {
        var i = end;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i < text.Length && IsMath(text[i]);
    }

    private static bool IsMath(char c) =>
        c is '+' or '-' or '*' or '/' or '=' or '(' or ')' or '^' or '\u00B2' or '\u00B3' or '\u00B7' or '\u00D7' or '<' or '>' or '|' or '[' or ']'
        || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.MathSymbol;
}
