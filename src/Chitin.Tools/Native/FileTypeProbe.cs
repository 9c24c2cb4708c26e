namespace Chitin.Tools.Native;

/// <summary>Finds a path's file type without opening it (opening a FIFO blocks until a writer appears).</summary>
internal static class FileTypeProbe
{
    public static FileType Probe(string path)
    {
        FileStat stat;
        try
        {
            if (!FileStat.TryGet(path, out stat, followLinks: true))
            {
                return FileType.Missing;
            }
        }
        catch (IOException)
        {
            return FileType.Unknown;
        }

        // Outside Linux only files and directories are told apart; special files there show up as Regular.
        return stat.Kind switch
        {
            FileStatKind.File => FileType.Regular,
            FileStatKind.Directory => FileType.Directory,
            _ => stat.TypeBits switch
            {
                0x1000 => FileType.Fifo,
                0x2000 => FileType.CharacterDevice,
                0x6000 => FileType.BlockDevice,
                0xC000 => FileType.Socket,
                _ => FileType.Unknown,
            },
        };
    }
}
