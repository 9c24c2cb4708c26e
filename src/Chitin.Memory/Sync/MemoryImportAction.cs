namespace Chitin.Memory.Sync;

/// <summary>What an import did with one Markdown entry.</summary>
public enum MemoryImportAction
{
    /// <summary>A new item was stored.</summary>
    Created,

    /// <summary>A new item was stored and replaced older items about the same subject.</summary>
    Superseded,

    /// <summary>The entry was edited in the file; its item's text was changed (the old text stays in the history).</summary>
    Updated,

    /// <summary>The entry was removed from the file; its item was ended.</summary>
    Removed,
}
