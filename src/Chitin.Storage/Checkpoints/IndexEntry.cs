namespace Chitin.Storage.Checkpoints;

/// <summary>
/// What the last scan saw at one path: its lstat and the manifest entry made from it. When the stat is unchanged
/// (size, inode, mode, mtime and ctime to the nanosecond) the entry is reused without reading the file.
/// </summary>
/// <param name="Racy">Stat taken so close to the scan that a write in the same clock tick could hide: check again next time.</param>
internal sealed record IndexEntry(FileStat Stat, ManifestEntry Entry, bool Racy)
{
    public bool Matches(in FileStat stat) =>
        !Racy && Stat.Size == stat.Size && Stat.Inode == stat.Inode && Stat.Mode == stat.Mode
        && Stat.ModifiedNs == stat.ModifiedNs && Stat.ChangedNs == stat.ChangedNs;
}
