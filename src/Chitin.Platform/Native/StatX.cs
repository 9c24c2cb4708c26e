namespace Chitin.Platform.Native;

/// <summary>Linux statx(2): one syscall gives size, inode, mode and nanosecond times without following links.</summary>
internal static unsafe partial class StatX
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint BasicStats = 0x7ff;

    /// <summary>Size of struct statx, fixed by the kernel ABI on every architecture.</summary>
    public const int BufferSize = 256;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Call(int dirFd, string path, int flags, uint mask, byte* buffer);
}
