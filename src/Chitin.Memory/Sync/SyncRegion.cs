namespace Chitin.Memory.Sync;

/// <summary>Where in a file an item's entry is: the user's own text (read only to Chitin) or Chitin's section.</summary>
internal enum SyncRegion
{
    File,
    Section,
}
