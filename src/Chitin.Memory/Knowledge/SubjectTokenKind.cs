namespace Chitin.Memory.Knowledge;

/// <summary>What a <see cref="SubjectToken"/> is to the subject rules.</summary>
internal enum SubjectTokenKind
{
    Word,

    /// <summary>": " — "Editor: Helix".</summary>
    Colon,

    /// <summary>"=" — "editor = helix".</summary>
    Equals,

    /// <summary>Comma, semicolon, brackets: the phrase is a list or an aside, not a name.</summary>
    Stop,

    /// <summary>End of a sentence or line.</summary>
    End,

    /// <summary>Quotes, backticks, emphasis and other symbols that do not change the structure.</summary>
    Ignorable,
}
