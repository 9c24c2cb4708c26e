namespace Chitin.Security.Processes;

/// <summary>
/// The POSIX calls .NET does not expose for appending with O_APPEND (FileStream's append mode writes at its own
/// offset, so two processes sharing a log would overwrite each other).
/// "libc" is mapped by the runtime to the platform C library.
/// </summary>
internal static partial class LibC
{
    public const int EIntr = 4;

    /// <summary>Linux values of O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC.</summary>
    public const int OpenAppendFlags = 0x1 | 0x40 | 0x400 | 0x80000;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    /// <summary>Linux O_PATH | O_CLOEXEC: a handle that only names a file (Landlock rules take one).</summary>
    public const int OpenPathFlags = 0x200000 | 0x80000;

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeFileHandle fd, ref byte buffer, nint count);
}
