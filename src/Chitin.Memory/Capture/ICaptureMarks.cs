namespace Chitin.Memory.Capture;

/// <summary>
/// Per session, the sequence number of the last message automatic capture has read, so the same text is never
/// sent for extraction twice.
/// </summary>
public interface ICaptureMarks
{
    /// <summary>0 when the session was never captured.</summary>
    Task<long> GetCapturedThroughAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Moves the mark forward; a lower value than the stored one is ignored.</summary>
    Task SetCapturedThroughAsync(string sessionId, long sequence, CancellationToken cancellationToken);
}
