namespace Chitin.Memory.Sync;

/// <summary>A file that could not be imported, exported or synced; nothing of it was written.</summary>
/// <param name="File">Full path of the file.</param>
/// <param name="Line">1-based line the problem is on, when there is one.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record MemoryFileError(string File, int? Line, string Message);
