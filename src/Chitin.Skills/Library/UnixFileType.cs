namespace Chitin.Skills.Library;

/// <summary>
/// The file-type bits (S_IFMT) of a Unix st_mode, as Unix archivers record them in the high 16 bits of a zip entry's
/// external attributes.
/// </summary>
internal enum UnixFileType
{
    /// <summary>No mode recorded (archives made on Windows and by some tools).</summary>
    NotRecorded = 0,
    Fifo = 0x1000,
    CharacterDevice = 0x2000,
    Directory = 0x4000,
    BlockDevice = 0x6000,
    RegularFile = 0x8000,
    SymbolicLink = 0xA000,
    Socket = 0xC000,
}
