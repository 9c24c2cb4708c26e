namespace Chitin.Memory.Sync;

/// <summary>
/// What Chitin remembers about one item in one file since the last sync: where the entry is, and the text file and
/// store agreed on then. Comparing both sides with <see cref="SyncedText"/> tells which side changed.
/// </summary>
internal sealed record SyncLink(string File, string ItemId, SyncRegion Region, string SyncedText, int Line);
