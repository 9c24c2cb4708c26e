namespace Chitin.Memory.Capture;

/// <summary>
/// Runs one capture for a hook: a failure (other than the caller's cancellation) becomes a warning and never breaks
/// the run; the result's own warning is passed on, then the result.
/// </summary>
internal static class BestEffortCapture
{
    public static async Task RunAsync(
        Func<Task<MemoryCaptureResult>> capture,
        string sessionId,
        Action<string>? warn,
        Action<MemoryCaptureResult>? captured,
        CancellationToken cancellationToken)
    {
        MemoryCaptureResult result;
        try
        {
            result = await capture().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Capture is best effort: whatever fails, the run goes on and the user is told.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            warn?.Invoke($"Memory capture for session {sessionId} failed: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        if (result.Warning is { } warning)
        {
            warn?.Invoke(warning);
        }

        captured?.Invoke(result);
    }
}
