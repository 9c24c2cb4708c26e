namespace Chitin.Skills.Vetting.Scanning;

/// <summary>What a physical line is, for deciding how much a match on it matters.</summary>
internal enum LineZone
{
    /// <summary>Markdown or plain-text prose: instructions the model reads.</summary>
    Prose,

    /// <summary>YAML front matter of a Markdown file.</summary>
    FrontMatter,

    /// <summary>Script lines and fenced code blocks.</summary>
    Code,

    /// <summary>Comment lines of a script.</summary>
    Comment,

    /// <summary>Text a human reviewer does not see rendered: HTML comments, hidden elements, link-reference comments.</summary>
    Hidden,
}
