namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// A rule about characters outside ASCII (invisible, look-alike): it looks only at the lines of text files that hold
/// any, so plain ASCII lines cost one vectorised check.
/// </summary>
internal abstract class NonAsciiLineRule(string id, FindingSeverity severity, string description) : VetRule(id, severity, description)
{
    public sealed override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            for (var index = 0; index < file.Lines.Length; index++)
            {
                var line = file.LineSpan(index);
                if (!Ascii.IsValid(line))
                {
                    CheckLine(file, index, line, sink);
                }
            }
        }
    }

    /// <summary>Checks line <paramref name="index"/> (zero-based) of <paramref name="file"/>, which holds a non-ASCII character.</summary>
    protected abstract void CheckLine(VetFile file, int index, ReadOnlySpan<char> line, FindingSink sink);
}
