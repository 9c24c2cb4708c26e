namespace Chitin.Memory.Sync;

/// <summary>An entry (index into the file's entries) recognised as the entry of a link (index into the file's links).</summary>
internal sealed record EntryPair(int Entry, int Link, MatchKind Kind);
