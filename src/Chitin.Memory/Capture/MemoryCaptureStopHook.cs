namespace Chitin.Memory.Capture;

/// <summary>
/// Captures durable facts when a run stops, from the run's in-memory transcript; not after the user cancelled (they
/// want it to stop). Short runs wait for <see cref="MemoryCaptureOptions.MinNewTokensAtStop"/>. A failing capture is
/// reported through <c>warn</c> and never breaks the run.
/// </summary>
public sealed class MemoryCaptureStopHook(MemoryCapture capture, Action<string>? warn = null, Action<MemoryCaptureResult>? captured = null) : IStopHook
{
    private readonly MemoryCapture _capture = capture ?? throw new ArgumentNullException(nameof(capture));

    public async ValueTask OnStopAsync(RunStopped stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (stop.Status == RunStatus.Cancelled)
        {
            return;
        }

        await BestEffortCapture.RunAsync(
            () => _capture.CaptureAsync(stop.SessionId, stop.Agent, stop.Workspace, stop.Transcript, cancellationToken, _capture.Options.MinNewTokensAtStop),
            stop.SessionId,
            warn,
            captured,
            cancellationToken).ConfigureAwait(false);
    }
}
