namespace Chitin.Tools.Files;

/// <summary>Structured result of read_file. Lines are 1-based; <c>LastLine</c> is 0 when nothing was returned.</summary>
public sealed record ReadFileData(string Path, int FirstLine, int LastLine, long TotalLines, bool Truncated);
