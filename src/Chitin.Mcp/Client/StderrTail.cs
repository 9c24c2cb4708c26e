namespace Chitin.Mcp.Client;

/// <summary>The last lines a server wrote to stderr, kept so startup failures and crashes can say why.</summary>
internal sealed partial class StderrTail(int capacity = 40)
{
    private const int MaxLineLength = 300;
    private const int LastLines = 3;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    [GeneratedRegex(@"\b(error|fatal|exception|not found|cannot|denied|failed|missing)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLike();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        var trimmed = line.Trim();
        trimmed = trimmed.Length > MaxLineLength ? trimmed[..MaxLineLength] + "…" : trimmed;
        lock (_gate)
        {
            _lines.Enqueue(trimmed);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>
    /// The first error-looking line (runtimes print the cause before a long stack trace) and the last few lines,
    /// joined with " | "; null when the server wrote nothing.
    /// </summary>
    public string? Describe()
    {
        string[] lines;
        lock (_gate)
        {
            lines = _lines.ToArray();
        }

        return Describe(lines);
    }

    internal static string? Describe(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        var last = lines.Skip(Math.Max(0, lines.Count - LastLines)).ToArray();
        var firstError = lines.Take(lines.Count - last.Length).FirstOrDefault(l => ErrorLike().IsMatch(l));
        return firstError is null ? string.Join(" | ", last) : $"{firstError} | … | {string.Join(" | ", last)}";
    }
}
