namespace Chitin.Tools.Native;

/// <summary>What a path is, after following symbolic links.</summary>
internal enum FileType
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,

    /// <summary>Exists, but the platform could not say what it is.</summary>
    Unknown,
}
