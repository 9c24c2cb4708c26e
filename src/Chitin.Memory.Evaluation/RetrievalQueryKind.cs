namespace Chitin.Memory.Evaluation;

/// <summary>How a query of the retrieval dataset relates to the wording of its answer.</summary>
public enum RetrievalQueryKind
{
    /// <summary>Words taken from the answer: "Maya Okafor preferred text editor".</summary>
    Keyword,

    /// <summary>The same need in other words, sharing little beyond a name: "Which IDE does Maya Okafor like best?".</summary>
    Paraphrase,

    /// <summary>A keyword query with one or two misspelt words: "Maya Okafr preferred txet editor".</summary>
    Typo,

    /// <summary>Other inflections or derivations of the answer's words: "Maya Okafor prefers text editors".</summary>
    Morphological,
}
