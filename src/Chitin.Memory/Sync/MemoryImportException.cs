namespace Chitin.Memory.Sync;

/// <summary>
/// A Markdown memory file (or the path given) cannot be used. The message names the file and line and says how to
/// fix it; nothing of the file was stored or written.
/// </summary>
public sealed class MemoryImportException : Exception
{
    public MemoryImportException()
    {
    }

    public MemoryImportException(string message)
        : base(message)
    {
    }

    public MemoryImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MemoryImportException(string filePath, int? line, string problem, Exception? innerException = null)
        : base(Describe(filePath, line, problem), innerException)
    {
        FilePath = filePath;
        Line = line;
        Problem = problem;
    }

    /// <summary>Full path of the file, or empty when unknown.</summary>
    public string FilePath { get; } = "";

    /// <summary>1-based line of the problem, when there is one.</summary>
    public int? Line { get; }

    /// <summary>The message without the file and line prefix.</summary>
    public string Problem { get; } = "";

    private static string Describe(string filePath, int? line, string problem) =>
        line is { } number ? $"{filePath}:{number}: {problem}" : $"{filePath}: {problem}";
}
