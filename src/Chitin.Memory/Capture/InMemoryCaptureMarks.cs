namespace Chitin.Memory.Capture;

/// <summary>Capture marks for the lifetime of the process (used when no database is given).</summary>
internal sealed class InMemoryCaptureMarks : ICaptureMarks
{
    private readonly ConcurrentDictionary<string, long> _marks = new(StringComparer.Ordinal);

    public Task<long> GetCapturedThroughAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(_marks.TryGetValue(sessionId, out var mark) ? mark : 0);

    public Task SetCapturedThroughAsync(string sessionId, long sequence, CancellationToken cancellationToken)
    {
        _marks.AddOrUpdate(sessionId, sequence, (_, old) => Math.Max(old, sequence));
        return Task.CompletedTask;
    }
}
