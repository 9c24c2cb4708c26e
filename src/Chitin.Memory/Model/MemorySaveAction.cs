namespace Chitin.Memory.Model;

/// <summary>What a save did.</summary>
public enum MemorySaveAction
{
    /// <summary>A new item was stored.</summary>
    Created,

    /// <summary>The same fact was already stored; nothing new was written (tags may have been merged).</summary>
    Duplicate,

    /// <summary>A new item was stored and replaced older items about the same subject.</summary>
    Superseded,

    /// <summary>A new item was stored, but whether it replaces an older one could not be decided; a conflict was recorded.</summary>
    Conflict,
}
