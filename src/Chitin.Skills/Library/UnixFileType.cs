namespace Chitin.Skills.Library;

/// <summary>
/// The file-type bits (S_IFMT) of a Unix st_mode, as Unix archivers record them in the high 16 bits of a zip entry's
/// external attributes. Only the types a skill may hold, and links, are named; any other value is a device, pipe or socket.
/// </summary>
internal enum UnixFileType
{
    /// <summary>No mode recorded (archives made on Windows and by some tools).</summary>
    NotRecorded = 0,
    Directory = 0x4000,
    RegularFile = 0x8000,
    SymbolicLink = 0xA000,
}
