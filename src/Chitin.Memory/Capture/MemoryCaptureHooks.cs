namespace Chitin.Memory.Capture;

/// <summary>
/// Decorates the configured hooks with automatic memory capture before compaction (so facts are stored before old
/// turns leave the context); <see cref="MemoryCaptureStopHook"/> captures when a run stops. The inner hooks' outcome is returned unchanged; a failing capture
/// is reported through <c>warn</c> and never breaks the run.
/// </summary>
public sealed class MemoryCaptureHooks : IAgentHooks
{
    private readonly IAgentHooks _inner;
    private readonly MemoryCapture _capture;
    private readonly Action<string>? _warn;
    private readonly Action<MemoryCaptureResult>? _captured;

    /// <param name="warn">Receives capture warnings (invalid answers, failed calls, storage errors).</param>
    /// <param name="captured">Receives every capture result, e.g. to tell the user what was remembered.</param>
    public MemoryCaptureHooks(IAgentHooks inner, MemoryCapture capture, Action<string>? warn = null, Action<MemoryCaptureResult>? captured = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _capture = capture ?? throw new ArgumentNullException(nameof(capture));
        _warn = warn;
        _captured = captured;
    }

    public async ValueTask<HookOutcome> RunAsync(HookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _inner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (ShouldCapture(request))
            {
                await CaptureSafelyAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Before compaction; the end of a run is <see cref="MemoryCaptureStopHook"/>'s.</summary>
    private static bool ShouldCapture(HookRequest request) => request.Event == HookEvent.BeforeCompact;

    private Task CaptureSafelyAsync(HookRequest request, CancellationToken cancellationToken) =>
        BestEffortCapture.RunAsync(
            () => _capture.CaptureAsync(request.SessionId, request.Agent, request.Workspace, cancellationToken),
            request.SessionId,
            _warn,
            _captured,
            cancellationToken);
}
