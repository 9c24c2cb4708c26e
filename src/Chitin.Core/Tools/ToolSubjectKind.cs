namespace Chitin.Core.Tools;

/// <summary>What a tool's subject argument names, which decides how permission rules and guards read it.</summary>
public enum ToolSubjectKind
{
    /// <summary>Nothing: rules match the tool by name only.</summary>
    None,

    /// <summary>A shell command line.</summary>
    Command,

    /// <summary>A file or folder the tool only reads (rules for one reading tool cover every reading tool).</summary>
    ReadPath,

    /// <summary>A file the tool writes (rules for one editing tool cover every editing tool).</summary>
    EditPath,

    /// <summary>An http(s) URL; rules look at its host.</summary>
    Url,
}
