namespace Chitin.Memory.Sync;

/// <summary>How an entry was recognised as the entry of a known item.</summary>
internal enum MatchKind
{
    /// <summary>By its hidden id comment.</summary>
    Id,

    /// <summary>By the same text (compared collapsed and case-insensitively).</summary>
    Same,

    /// <summary>By a similar text: the entry was edited.</summary>
    Similar,
}
