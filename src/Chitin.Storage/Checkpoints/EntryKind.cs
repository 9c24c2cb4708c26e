namespace Chitin.Storage.Checkpoints;

/// <summary>What a checkpoint holds for one workspace path.</summary>
public enum EntryKind
{
    /// <summary>A regular file whose contents are in the object store.</summary>
    File,

    Directory,

    /// <summary>A symbolic link; its target text is kept, never followed.</summary>
    Link,

    /// <summary>A file over the size cap or unreadable: recorded by size and time only, never restored.</summary>
    Skipped,
}
