using System.Runtime.InteropServices;

namespace Chitin.Tools.Native;

/// <summary>
/// The POSIX call .NET does not expose for the file type (to refuse FIFOs and devices without opening them).
/// "libc" is mapped by the runtime to the platform C library.
/// </summary>
internal static partial class LibC
{
    /// <summary>Linux statx: its struct layout is the same on every architecture, unlike struct stat.</summary>
    public const int AtFdCwd = -100;
    public const uint StatxType = 0x1;
    public const int StatxBufferSize = 256;
    public const int StatxModeOffset = 28;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Statx(int directoryFd, string path, int flags, uint mask, ref byte buffer);
}
