namespace Chitin.Skills.Vetting.Scanning;

/// <summary>A decoded text file of the skill with its lines, zones, units and blocks, ready for the rules.</summary>
internal sealed class VetFile
{
    public required string RelativePath { get; init; }

    public required FileFormat Format { get; init; }

    public required string Raw { get; init; }

    public required PhysicalLine[] Lines { get; init; }

    public required List<TextUnit> Units { get; init; }

    public required List<CodeBlock> Blocks { get; init; }

    public bool IsSkillMarkdown => RelativePath.Equals("SKILL.md", StringComparison.OrdinalIgnoreCase);

    public ReadOnlySpan<char> LineSpan(int index) => Raw.AsSpan(Lines[index].Start, Lines[index].Length);
}
