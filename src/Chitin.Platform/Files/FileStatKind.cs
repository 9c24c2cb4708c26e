namespace Chitin.Platform.Files;

public enum FileStatKind
{
    File,
    Directory,
    SymbolicLink,

    /// <summary>A device, socket or pipe: never checkpointed.</summary>
    Other,
}
