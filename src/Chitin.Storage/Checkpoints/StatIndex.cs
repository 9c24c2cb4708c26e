namespace Chitin.Storage.Checkpoints;

/// <summary>
/// The stat cache of one workspace, kept in memory between turns and in a file between processes (written through
/// a temporary file and a rename). It is only a cache: a missing or unreadable file means one full scan.
/// </summary>
internal sealed class StatIndex
{
    private const int FormatVersion = 1;

    public StatIndex(Dictionary<string, IndexEntry> entries, string? manifestHash)
    {
        Entries = entries;
        ManifestHash = manifestHash;
    }

    public Dictionary<string, IndexEntry> Entries { get; }

    /// <summary>Hash of the manifest these entries make, so an unchanged workspace needs no new manifest.</summary>
    public string? ManifestHash { get; set; }

    public static StatIndex Load(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 256 * 1024);
            using var reader = new BinaryReader(file);
            if (reader.ReadInt32() != FormatVersion)
            {
                return new StatIndex(new(StringComparer.Ordinal), null);
            }

            var hash = reader.ReadString();
            var count = reader.ReadInt32();
            var entries = new Dictionary<string, IndexEntry>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var entryPath = reader.ReadString();
                var kind = (EntryKind)reader.ReadByte();
                var content = reader.ReadString();
                var stat = new FileStat((FileStatKind)reader.ReadByte(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64());
                var racy = reader.ReadBoolean();
                entries[entryPath] = new IndexEntry(stat, new ManifestEntry(entryPath, kind, stat.Permissions, kind == EntryKind.Directory ? 0 : stat.Size, content), racy);
            }

            return new StatIndex(entries, hash.Length == 0 ? null : hash);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException)
        {
            return new StatIndex(new(StringComparer.Ordinal), null);
        }
    }

    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 256 * 1024))
            using (var writer = new BinaryWriter(file))
            {
                writer.Write(FormatVersion);
                writer.Write(ManifestHash ?? "");
                writer.Write(Entries.Count);
                foreach (var (entryPath, e) in Entries)
                {
                    writer.Write(entryPath);
                    writer.Write((byte)e.Entry.Kind);
                    writer.Write(e.Entry.Content);
                    writer.Write((byte)e.Stat.Kind);
                    writer.Write(e.Stat.Size);
                    writer.Write(e.Stat.Inode);
                    writer.Write(e.Stat.Mode);
                    writer.Write(e.Stat.ModifiedNs);
                    writer.Write(e.Stat.ChangedNs);
                    writer.Write(e.Racy);
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
