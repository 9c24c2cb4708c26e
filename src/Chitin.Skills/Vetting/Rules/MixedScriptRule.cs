using System.Text;
using Chitin.Skills.Format;
using Chitin.Skills.Vetting.Scanning;

namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Homoglyph words: Latin letters mixed with Cyrillic, Greek or Armenian look-alikes in one word ("раypal", "сurl"),
/// or fullwidth/mathematical letters posing as ASCII. In code, front matter, hidden text or next to a URL they block
/// (a command or host that is not what it looks like); in prose they warn.
/// </summary>
internal sealed class MixedScriptRule : IVetRule
{
    public string Id => "obfusc.homoglyph";

    public FindingSeverity Severity => FindingSeverity.Block;

    public string Description => "Homoglyph words mixing Latin with Cyrillic/Greek look-alikes, or fullwidth letters posing as ASCII.";

    public void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            for (var index = 0; index < file.Lines.Length; index++)
            {
                var line = file.LineSpan(index);
                if (Ascii.IsValid(line))
                {
                    continue;
                }

                var word = FindMixedWord(line);
                if (word is null)
                {
                    continue;
                }

                var zone = file.Lines[index].Zone;
                var block = zone is LineZone.Code or LineZone.FrontMatter or LineZone.Hidden || line.Contains("://", StringComparison.Ordinal) || line.Contains('`');
                sink.Add(file, index, Id, block ? FindingSeverity.Block : FindingSeverity.Warning,
                    block
                        ? $"The word '{word}' mixes Latin letters with look-alike letters from another script, so a command, host or name is not what it appears to be. Use plain ASCII."
                        : $"The word '{word}' mixes Latin letters with look-alike letters from another script. Check that it is not disguising a name.",
                    word, contextual: false);
            }
        }
    }

    private static string? FindMixedWord(ReadOnlySpan<char> line)
    {
        var word = new StringBuilder();
        bool latin = false, foreign = false, disguised = false, ascii = false;
        foreach (var rune in (line.ToString() + " ").EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value == '_')
            {
                word.Append(rune.ToString());
                latin |= Confusables.IsLatinLetter(rune);
                ascii |= rune.IsAscii;
                foreign |= Confusables.IsCyrillicGreekOrArmenianLetter(rune) && rune.Value is not (0x03BC or 0x03A9 or 0x03C0 or 0x03BB or 0x0394 or 0x03A3);
                disguised |= Confusables.IsDisguisedAscii(rune);
                continue;
            }

            if ((latin && foreign) || disguised)
            {
                return word.ToString();
            }

            word.Clear();
            latin = foreign = disguised = ascii = false;
        }

        return null;
    }
}
