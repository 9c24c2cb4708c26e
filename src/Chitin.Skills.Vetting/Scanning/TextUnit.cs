namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// A logical piece of a file that rules match against: a command joined over its continuation lines, a prose paragraph,
/// or an HTML comment. <see cref="Text"/> has invisible characters removed and look-alike letters mapped to ASCII;
/// <see cref="Code"/> additionally has escapes decoded, quotes and string concatenation removed and shell variables
/// substituted, so split or obfuscated commands read as they would run.
/// </summary>
internal sealed class TextUnit
{
    public required int FirstLine { get; init; }

    public required int LastLine { get; init; }

    public required LineZone Zone { get; init; }

    public required string Text { get; init; }

    public required string Code { get; init; }

    /// <summary>Start offset in <see cref="Text"/> of each physical line of the unit.</summary>
    public required int[] TextStarts { get; init; }

    /// <summary>Start offset in <see cref="Code"/> of each physical line of the unit.</summary>
    public required int[] CodeStarts { get; init; }

    /// <summary>Index of the <see cref="CodeBlock"/> the unit belongs to.</summary>
    public int Block { get; set; }

    public int LineOfText(int index) => FirstLine + LastIndexAtOrBelow(TextStarts, index);

    public int LineOfCode(int index) => FirstLine + LastIndexAtOrBelow(CodeStarts, index);

    private static int LastIndexAtOrBelow(int[] starts, int index)
    {
        var found = Array.BinarySearch(starts, index);
        return found >= 0 ? found : Math.Max(0, ~found - 1);
    }
}
