namespace Chitin.Security.Audit;

/// <summary>
/// Appends one JSON line per decision to a file (by convention CHITIN_HOME/audit/YYYY-MM-DD.jsonl, see
/// <see cref="DailyPath"/>). Each line goes to the operating system in a single append before Append returns;
/// safe to share between threads and between processes.
/// </summary>
public sealed class JsonlAuditLog : IAuditLog, IDisposable
{
    private readonly Lock _gate = new();
    private readonly AppendOnlyFile _file;
    private readonly ArrayBufferWriter<byte> _line = new(512);
    private readonly Utf8JsonWriter _writer;
    private bool _disposed;

    /// <exception cref="IOException">The folder or file cannot be created or opened.</exception>
    public JsonlAuditLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        OwnerOnly.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _file = new AppendOnlyFile(Path);
        var options = SecurityJsonContext.Default.Options;
        _writer = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });
    }

    public string Path { get; }

    /// <summary>CHITIN_HOME/audit/YYYY-MM-DD.jsonl for the UTC date of <paramref name="time"/>.</summary>
    public static string DailyPath(string chitinHome, DateTimeOffset time) =>
        System.IO.Path.Combine(chitinHome, "audit", time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl");

    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // One reused buffer and writer: a decision costs a few microseconds, and this was a third of them.
            _line.ResetWrittenCount();
            _writer.Reset(_line);
            JsonSerializer.Serialize(_writer, entry, SecurityJsonContext.Default.AuditEntry);
            _writer.Flush();
            _line.Write("\n"u8);
            _file.Write(_line.WrittenSpan);
        }
    }

    /// <summary>Reads every entry of an audit file.</summary>
    /// <exception cref="InvalidDataException">A line is not an audit entry; the message gives the file and line number.</exception>
    public static IReadOnlyList<AuditEntry> ReadAll(string path)
    {
        var entries = new List<AuditEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize(line, SecurityJsonContext.Default.AuditEntry)
                    ?? throw new InvalidDataException($"{path}:{number}: the line is null, not an audit entry"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{number}: not an audit entry: {ex.Message}", ex);
            }
        }

        return entries;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file.Dispose();
            _writer.Dispose();
        }
    }
}
