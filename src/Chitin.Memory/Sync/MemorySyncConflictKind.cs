namespace Chitin.Memory.Sync;

/// <summary>How a file and the store disagree about one item since the last sync.</summary>
public enum MemorySyncConflictKind
{
    /// <summary>The entry was edited in the file and the item was edited in the store, differently.</summary>
    EditedInBoth,

    /// <summary>The entry was removed from the file while the item was edited in the store.</summary>
    RemovedInFileEditedInStore,

    /// <summary>The entry was edited in the file while the item was superseded, forgotten or deleted in the store.</summary>
    EditedInFileEndedInStore,
}
