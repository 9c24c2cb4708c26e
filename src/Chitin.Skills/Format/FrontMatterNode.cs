namespace Chitin.Skills.Format;

/// <summary>A node of parsed front matter, with the SKILL.md line it starts on (1-based).</summary>
internal abstract class FrontMatterNode(int line)
{
    public int Line { get; } = line;

    /// <summary>"a string", "a list" or "a map", for messages.</summary>
    public abstract string Kind { get; }
}
