namespace Chitin.Storage.Checkpoints;

/// <summary>
/// One path of a checkpoint. <see cref="Content"/> is the object hash of a file, the target of a link, or the
/// modification time (ns) of a skipped file; empty for a directory.
/// </summary>
public sealed record ManifestEntry(string Path, EntryKind Kind, int Mode, long Size, string Content)
{
    /// <summary>Same kind, contents and permissions: restoring one over the other changes nothing.</summary>
    public bool SameAs(ManifestEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && Size == other.Size && Mode == other.Mode && string.Equals(Content, other.Content, StringComparison.Ordinal);
    }
}
