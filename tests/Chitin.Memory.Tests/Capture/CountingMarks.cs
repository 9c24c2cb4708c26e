using Chitin.Memory.Capture;

namespace Chitin.Memory.Tests.Capture;

/// <summary>Real SQLite marks behind a pass-through that counts how often capture reads one.</summary>
internal sealed class CountingMarks(ICaptureMarks inner) : ICaptureMarks
{
    public int Reads { get; private set; }

    public Task<long> GetCapturedThroughAsync(string sessionId, CancellationToken cancellationToken)
    {
        Reads++;
        return inner.GetCapturedThroughAsync(sessionId, cancellationToken);
    }

    public Task SetCapturedThroughAsync(string sessionId, long sequence, CancellationToken cancellationToken) =>
        inner.SetCapturedThroughAsync(sessionId, sequence, cancellationToken);
}
