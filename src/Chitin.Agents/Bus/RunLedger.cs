namespace Chitin.Agents.Bus;

/// <summary>
/// A task's <c>ledger.jsonl</c>: one JSON object per line, only ever appended, each append flushed to disk before it
/// returns so a process killed right after still leaves it on disk. Thread-safe within a process.
/// </summary>
public sealed class RunLedger
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RunLedger(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    public async Task AppendAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, AgentsJsonContext.Default.LedgerEntry) + "\n");
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every entry in order. A last line cut by a crash mid-append is skipped; the file is never rewritten.</summary>
    public static IReadOnlyList<LedgerEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new List<LedgerEntry>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, AgentsJsonContext.Default.LedgerEntry) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // A torn final line from a killed process: what came before is whole.
            }
        }

        return entries;
    }
}
