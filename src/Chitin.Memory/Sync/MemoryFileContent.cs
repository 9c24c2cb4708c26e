namespace Chitin.Memory.Sync;

/// <summary>A Markdown file as read: its exact bytes, whether they start with a UTF-8 byte order mark, and the text after it.</summary>
internal sealed record MemoryFileContent(string Path, byte[] Bytes, bool HasBom, string Text)
{
    public static MemoryFileContent Missing(string path) => new(path, [], false, "") { Exists = false };

    public bool Exists { get; init; } = true;
}
