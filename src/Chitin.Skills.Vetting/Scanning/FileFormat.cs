namespace Chitin.Skills.Vetting.Scanning;

/// <summary>How a text file is read: which parts are instructions, which are code, which are hidden.</summary>
internal enum FileFormat
{
    /// <summary>Markdown: prose, fenced code, HTML comments, front matter.</summary>
    Markdown,

    /// <summary>Shell, Python, JavaScript, PowerShell and other code: every line is code except comment lines.</summary>
    Script,

    /// <summary>JSON, YAML, TOML, plists and other data: code, but pattern lists in data get context.</summary>
    Data,

    /// <summary>Plain text: prose.</summary>
    PlainText,

    /// <summary>HTML and SVG: code with hidden comments.</summary>
    Markup,
}
