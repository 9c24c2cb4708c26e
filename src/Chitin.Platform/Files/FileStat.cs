namespace Chitin.Platform.Files;

/// <summary>
/// What lstat says about a path: enough to tell "unchanged" without reading the file (size, inode, mode, and
/// modification and change times in nanoseconds). Uses statx on Linux and the managed APIs elsewhere.
/// </summary>
public readonly record struct FileStat(FileStatKind Kind, long Size, long Inode, int Mode, long ModifiedNs, long ChangedNs)
{
    private const int TypeMask = 0xF000;

    /// <summary>The permission bits (rwx for user, group, other).</summary>
    public int Permissions => Mode & 0x1FF;

    /// <summary>The file-type bits of <see cref="Mode"/> (S_IFMT): tell FIFOs, sockets and devices apart.</summary>
    public int TypeBits => Mode & TypeMask;

    /// <summary>
    /// Stats <paramref name="path"/>, by default without following a final symbolic link; false when it does not exist.
    /// With <paramref name="followLinks"/> a link is described by what it points to (a dangling link is missing).
    /// </summary>
    /// <exception cref="IOException">The path exists but cannot be inspected (permission denied, a loop of links).</exception>
    public static bool TryGet(string path, out FileStat stat, bool followLinks = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return OperatingSystem.IsLinux() ? TryStatX(path, followLinks, out stat) : TryManaged(path, followLinks, out stat);
    }

    private static unsafe bool TryStatX(string path, bool followLinks, out FileStat stat)
    {
        byte* buffer = stackalloc byte[StatX.BufferSize];
        if (StatX.Call(StatX.AtFdCwd, path, followLinks ? 0 : StatX.AtSymlinkNoFollow, StatX.BasicStats, buffer) != 0)
        {
            stat = default;
            var errno = Marshal.GetLastPInvokeError();
            return errno is 2 or 20 ? false : throw new IOException($"Cannot stat '{path}' (errno {errno}).");
        }

        var span = new ReadOnlySpan<byte>(buffer, StatX.BufferSize);
        int mode = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        stat = new FileStat(
            KindOf(mode),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(span[40..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
            mode,
            Nanoseconds(span[112..]),
            Nanoseconds(span[96..]));
        return true;
    }

    private static long Nanoseconds(ReadOnlySpan<byte> timestamp) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1_000_000_000L) + BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);

    private static FileStatKind KindOf(int mode) => (mode & TypeMask) switch
    {
        0x8000 => FileStatKind.File,
        0x4000 => FileStatKind.Directory,
        0xA000 => FileStatKind.SymbolicLink,
        _ => FileStatKind.Other,
    };

    private static bool TryManaged(string path, bool followLinks, out FileStat stat)
    {
        var info = new FileInfo(path);
        if (info.Exists)
        {
            var kind = info.LinkTarget is null || followLinks ? FileStatKind.File : FileStatKind.SymbolicLink;
            var ticks = (info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
            stat = new FileStat(kind, info.Length, 0, OperatingSystem.IsWindows() ? 0x1A4 : (int)info.UnixFileMode, ticks, ticks);
            return true;
        }

        if (Directory.Exists(path))
        {
            var dir = new DirectoryInfo(path);
            var kind = dir.LinkTarget is null || followLinks ? FileStatKind.Directory : FileStatKind.SymbolicLink;
            stat = new FileStat(kind, 0, 0, 0x1ED, 0, 0);
            return true;
        }

        stat = default;
        return false;
    }
}
