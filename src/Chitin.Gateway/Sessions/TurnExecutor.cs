namespace Chitin.Gateway.Sessions;

/// <summary>
/// Runs one turn of a session with the host's agent runner. Counts the turns in flight so a graceful shutdown can
/// wait for them, and cancels them all (the sessions stay consistent and resumable) when the grace period is over.
/// </summary>
public sealed class TurnExecutor : IDisposable
{
    private readonly AgentRunnerFactory _runners;
    private readonly string _model;
    private readonly string _workspace;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private int _active;

    public TurnExecutor(AgentRunnerFactory runners, string model, string workspace)
    {
        _runners = runners ?? throw new ArgumentNullException(nameof(runners));
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        _model = model;
        _workspace = workspace;
    }

    /// <summary>Per-run bounds from the configuration ("limits", "agent.loopGuard").</summary>
    public AgentLimits Limits { get; init; } = new();

    public int Active => Volatile.Read(ref _active);

    /// <summary>True once the shutdown grace period has ended and running turns were cancelled.</summary>
    public bool ShuttingDown => _shutdown.IsCancellationRequested;

    public async IAsyncEnumerable<AgentEvent> RunAsync(
        TurnRequest request,
        string? sessionId,
        ISteeringInbox? steering,
        SessionTranscriptCache? transcript,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        AgentRunner runner;
        lock (_gate)
        {
            // The factory caches runners in a plain dictionary; turns of different sessions ask for one concurrently.
            runner = _runners.Create(_model);
            if (_active++ == 0)
            {
                _idle = NewIdle(completed: false);
            }
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
            var run = new AgentRunRequest { Prompt = request.Text, SessionId = sessionId, Model = _model, Agent = request.Agent, Workspace = _workspace, Limits = Limits, Steering = steering, Transcript = transcript, CompleteBeforeStopHooks = true };
            await foreach (var e in runner.RunAsync(run, linked.Token).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            lock (_gate)
            {
                if (--_active == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    /// <summary>Waits until no turn runs or <paramref name="grace"/> has passed, then cancels what still runs and waits for it to stop.</summary>
    public async Task DrainAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
        }

        await Task.WhenAny(idle, Task.Delay(grace, cancellationToken)).ConfigureAwait(false);
        if (!idle.IsCompleted)
        {
            await _shutdown.CancelAsync().ConfigureAwait(false);
            await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _shutdown.Dispose();

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }
}
