namespace Chitin.Skills.Vetting.Scanning;

/// <summary>One line of a file: where it starts in the text, its length without the line break, its zone and whether it sits in cautionary context.</summary>
internal struct PhysicalLine
{
    public int Start;
    public int Length;
    public LineZone Zone;

    /// <summary>Documentation that warns about or detects a pattern (a security skill), or a search for it (grep, a regex), rather than an instruction to run it.</summary>
    public bool Cautionary;
}
