namespace Chitin.Platform.Native;

/// <summary>
/// The few POSIX calls .NET does not expose: signalling a whole process group and O_PATH opens (the kernel
/// resolves a path's links in one call instead of an lstat per component). "libc" is mapped by the runtime.
/// </summary>
internal static partial class LibC
{
    public const int SigKill = 9;

    public const int SigTerm = 15;

    /// <summary>Linux O_PATH | O_CLOEXEC: a handle that only names a file, resolved by the kernel in one call.</summary>
    public const int OpenPathFlags = 0x200000 | 0x80000;

    public static readonly int SigStop = OperatingSystem.IsLinux() ? 19 : 17;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
