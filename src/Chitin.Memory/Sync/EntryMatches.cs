namespace Chitin.Memory.Sync;

/// <summary>The outcome of matching a file's entries to what was synced last time: pairs, new entries, and links whose entry is gone.</summary>
internal sealed record EntryMatches(IReadOnlyList<EntryPair> Pairs, IReadOnlyList<int> NewEntries, IReadOnlyList<int> GoneLinks);
