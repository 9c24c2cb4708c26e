namespace Chitin.Hosting;

/// <summary>
/// The JSON-lines audit log, opened on the first decision so runs without tool calls never touch it. When it cannot
/// be opened every Append throws, and the permission engine refuses the call instead of running it unaudited.
/// </summary>
public sealed class LazyAuditLog : IAuditLog, IDisposable
{
    private readonly Lazy<JsonlAuditLog> _log;

    public LazyAuditLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        _log = new Lazy<JsonlAuditLog>(() => new JsonlAuditLog(path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }

    public void Append(AuditEntry entry) => _log.Value.Append(entry);

    public void Dispose()
    {
        if (_log.IsValueCreated)
        {
            _log.Value.Dispose();
        }
    }
}
