namespace Chitin.Storage.Checkpoints;

/// <summary>
/// Content-addressed blobs: objects/ab/cdef… named by the SHA-256 of the contents, zlib-compressed, written once
/// through a temporary file and a rename so a killed process never leaves a partial object under a real name. Objects
/// are not fsynced one by one (that would cost milliseconds per file per turn); a power loss may lose the newest ones.
/// </summary>
public sealed class ObjectStore
{
    private readonly string _root;

    public ObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public string Root => _root;

    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public string PathOf(string hash) => Path.Combine(_root, hash[..2], hash[2..]);

    public bool Contains(string hash) => File.Exists(PathOf(hash));

    /// <summary>Stores <paramref name="content"/> unless already there; returns its hash and the bytes newly written (0 when it was there).</summary>
    public (string Hash, long Written) Put(ReadOnlySpan<byte> content)
    {
        var hash = HashOf(content);
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return (hash, 0);
        }

        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                using (var zlib = new ZLibStream(file, CompressionLevel.Fastest, leaveOpen: true))
                {
                    zlib.Write(content);
                }
            }

            var written = new FileInfo(temp).Length;
            File.Move(temp, path, overwrite: true);
            return (hash, written);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <exception cref="FileNotFoundException">The object was expired or deleted.</exception>
    public byte[] Get(string hash)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint object {hash} is missing from '{_root}' (expired or deleted).", path);
        }

        using var file = File.OpenRead(path);
        using var zlib = new ZLibStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        zlib.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Marks the object as just written, so a sweep running now in another process spares it for its grace period;
    /// false when it is gone.
    /// </summary>
    public bool Touch(string hash)
    {
        try
        {
            File.SetLastWriteTimeUtc(PathOf(hash), DateTime.UtcNow);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Up to <paramref name="count"/> bytes from the start of the object's contents (without inflating the rest).</summary>
    /// <exception cref="FileNotFoundException">The object was expired or deleted.</exception>
    public byte[] GetStart(string hash, int count)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint object {hash} is missing from '{_root}' (expired or deleted).", path);
        }

        using var file = File.OpenRead(path);
        using var zlib = new ZLibStream(file, CompressionMode.Decompress);
        var buffer = new byte[count];
        var read = zlib.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer[..read];
    }

    /// <summary>Writes the object's contents to <paramref name="destination"/>.</summary>
    public void CopyTo(string hash, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var file = File.OpenRead(PathOf(hash));
        using var zlib = new ZLibStream(file, CompressionMode.Decompress);
        zlib.CopyTo(destination);
    }

    /// <summary>Object count and bytes on disk.</summary>
    public (long Count, long Bytes) Usage()
    {
        if (!Directory.Exists(_root))
        {
            return (0, 0);
        }

        long count = 0, bytes = 0;
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            count++;
            bytes += file.Length;
        }

        return (count, bytes);
    }

    /// <summary>Deletes objects not in <paramref name="keep"/> last written before <paramref name="olderThan"/>; returns bytes freed.</summary>
    public long Sweep(IReadOnlySet<string> keep, DateTime olderThan)
    {
        ArgumentNullException.ThrowIfNull(keep);
        if (!Directory.Exists(_root))
        {
            return 0;
        }

        long freed = 0;
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var hash = file.Directory!.Name + file.Name;
            if (!keep.Contains(hash) && file.LastWriteTimeUtc < olderThan)
            {
                freed += file.Length;
                file.Delete();
            }
        }

        return freed;
    }
}
