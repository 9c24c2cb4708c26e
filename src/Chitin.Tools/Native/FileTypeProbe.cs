namespace Chitin.Tools.Native;

/// <summary>Finds a path's file type without opening it (opening a FIFO blocks until a writer appears).</summary>
internal static class FileTypeProbe
{
    private const int FormatMask = 0xF000;
    private const int ErrorNoEntry = 2;
    private const int ErrorNotDirectory = 20;

    private static volatile bool s_statxUnavailable = !OperatingSystem.IsLinux();

    public static FileType Probe(string path)
    {
        if (!s_statxUnavailable)
        {
            try
            {
                return ProbeWithStatx(path);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                // An old C library without statx: fall back to what .NET can tell.
                s_statxUnavailable = true;
            }
        }

        // Outside Linux only files and directories are told apart; special files there show up as Regular.
        if (Directory.Exists(path))
        {
            return FileType.Directory;
        }

        return File.Exists(path) ? FileType.Regular : FileType.Missing;
    }

    private static FileType ProbeWithStatx(string path)
    {
        Span<byte> buffer = stackalloc byte[LibC.StatxBufferSize];
        if (LibC.Statx(LibC.AtFdCwd, path, 0, LibC.StatxType, ref buffer[0]) != 0)
        {
            var error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            return error is ErrorNoEntry or ErrorNotDirectory ? FileType.Missing : FileType.Unknown;
        }

        var mode = BitConverter.ToUInt16(buffer.Slice(LibC.StatxModeOffset, sizeof(ushort)));
        return (mode & FormatMask) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0x1000 => FileType.Fifo,
            0x2000 => FileType.CharacterDevice,
            0x6000 => FileType.BlockDevice,
            0xC000 => FileType.Socket,
            _ => FileType.Unknown,
        };
    }
}
