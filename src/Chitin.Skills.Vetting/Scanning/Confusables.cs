namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Maps letters that look like ASCII (Cyrillic, Greek and Armenian look-alikes, fullwidth forms, mathematical
/// alphanumerics) to the ASCII letter they imitate, and recognises characters that render as nothing.
/// </summary>
internal static class Confusables
{
    private static readonly FrozenDictionary<int, char> LookAlikes = new Dictionary<int, char>
    {
        // Cyrillic
        [0x0430] = 'a', [0x0410] = 'A', [0x0412] = 'B', [0x0435] = 'e', [0x0415] = 'E', [0x043A] = 'k', [0x041A] = 'K',
        [0x041C] = 'M', [0x041D] = 'H', [0x043E] = 'o', [0x041E] = 'O', [0x0440] = 'p', [0x0420] = 'P', [0x0441] = 'c',
        [0x0421] = 'C', [0x0422] = 'T', [0x0443] = 'y', [0x0445] = 'x', [0x0425] = 'X', [0x0455] = 's', [0x0405] = 'S',
        [0x0456] = 'i', [0x0406] = 'I', [0x0458] = 'j', [0x0408] = 'J', [0x0501] = 'd', [0x051B] = 'q', [0x051D] = 'w',
        [0x04BB] = 'h', [0x04CF] = 'l', [0x0475] = 'v', [0x0433] = 'r',

        // Greek
        [0x03B1] = 'a', [0x03BF] = 'o', [0x03BD] = 'v', [0x03C1] = 'p', [0x03B9] = 'i', [0x03BA] = 'k', [0x03C5] = 'u',
        [0x03C7] = 'x', [0x0391] = 'A', [0x0392] = 'B', [0x0395] = 'E', [0x0396] = 'Z', [0x0397] = 'H', [0x0399] = 'I',
        [0x039A] = 'K', [0x039C] = 'M', [0x039D] = 'N', [0x039F] = 'O', [0x03A1] = 'P', [0x03A4] = 'T', [0x03A5] = 'Y',
        [0x03A7] = 'X',

        // Armenian and Latin extensions
        [0x0585] = 'o', [0x057D] = 'u', [0x0570] = 'h', [0x0578] = 'n', [0x0131] = 'i', [0x0251] = 'a', [0x0261] = 'g',
        [0x026A] = 'i', [0x1D00] = 'a', [0x0274] = 'n',
    }.ToFrozenDictionary();

    /// <summary>The ASCII letter <paramref name="rune"/> imitates, or null.</summary>
    public static char? ToAscii(Rune rune)
    {
        var value = rune.Value;
        if (LookAlikes.TryGetValue(value, out var ascii))
        {
            return ascii;
        }

        if (value is >= 0xFF01 and <= 0xFF5E)
        {
            return (char)(value - 0xFEE0);
        }

        if (value is >= 0x1D400 and <= 0x1D6A3)
        {
            var index = (value - 0x1D400) % 52;
            return index < 26 ? (char)('A' + index) : (char)('a' + index - 26);
        }

        if (value is >= 0x1D7CE and <= 0x1D7FF)
        {
            return (char)('0' + ((value - 0x1D7CE) % 10));
        }

        return null;
    }

    /// <summary>Characters that take no visible space: format controls (zero-width, bidi, tags), fillers and blank glyphs.</summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E
        || rune.Value is >= 0xE0100 and <= 0xE01EF;

    public static bool IsLatinLetter(Rune rune) =>
        (rune.Value is >= 'a' and <= 'z' or >= 'A' and <= 'Z') || (rune.Value is >= 0x00C0 and <= 0x024F && Rune.IsLetter(rune));

    public static bool IsCyrillicGreekOrArmenianLetter(Rune rune) =>
        Rune.IsLetter(rune) && rune.Value is >= 0x0370 and <= 0x058F or >= 0x1C80 and <= 0x1C8F or >= 0x1F00 and <= 0x1FFF;

    /// <summary>Fullwidth Latin or mathematical alphanumeric: ASCII in disguise.</summary>
    public static bool IsDisguisedAscii(Rune rune) =>
        rune.Value is >= 0xFF01 and <= 0xFF5E or >= 0x1D400 and <= 0x1D7FF;
}
