namespace Chitin.Tools.Files;

/// <summary>Structured result of write_file.</summary>
public sealed record WriteFileData(string Path, long Bytes, long Lines, bool Created);
