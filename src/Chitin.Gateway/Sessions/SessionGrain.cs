namespace Chitin.Gateway.Sessions;

/// <summary>
/// The activation of one conversation. Turns are chained in arrival order: each waits for the one before it, so a
/// message that arrives mid-turn is answered next, never dropped and never run concurrently with its predecessor.
/// The conversation's Chitin session id lives in chitin.db, so any silo that activates the grain continues it; the
/// transcript is loaded from there on the activation's first turn and then kept in memory, current as turns record.
/// Before each later turn the held transcript's stamp is compared with the store's, so a change made by another writer
/// (a CLI <c>sessions rewind</c> or <c>compact</c>, another process) is seen by the very next turn.
/// </summary>
internal sealed class SessionGrain(TurnExecutor executor, GatewayStore store, SessionBroadcaster broadcaster) : Grain, ISessionGrain
{
    private Task _tail = Task.CompletedTask;
    private CancellationTokenSource? _running;
    private SteeringInbox? _inbox;
    private string? _sessionId;
    private bool _loaded;
    private int _pending;
    private readonly SessionTranscriptCache _transcript = new();

    public async IAsyncEnumerable<TurnEvent> SendAsync(TurnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = this.GetPrimaryKeyString();
        var previous = _tail;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tail = finished.Task;
        _pending++;
        var status = "failed";
        string? error = null;
        var runOpen = false;
        SteeringInbox? inbox = null;
        CancellationTokenSource? cancel = null;
        IAsyncEnumerator<AgentEvent>? events = null;
        var ran = false;
        var completed = false;
        try
        {
            // Tells the caller the message is in the queue (it may wait for the turn before it).
            yield return TurnEvent.Queued;
            if (_pending > 1)
            {
                broadcaster.Publish(key, WsFrames.TurnQueued(key, _pending - 1));
            }

            await previous;
            if (!_loaded)
            {
                _sessionId = await store.FindSessionAsync(key, CancellationToken.None);
                _loaded = true;
            }
            else if (_transcript.Stamp is { } held && _transcript.SessionId is { } cached
                && await store.TranscriptStampAsync(cached, CancellationToken.None) != held)
            {
                // Another writer (a CLI rewind or compact, another process) changed the session since this grain's last
                // turn: the next run reloads it from the store instead of sending what the grain held.
                _transcript.Invalidate();
            }

            cancel = new CancellationTokenSource();
            _running = cancel;
            ran = true;
            inbox = new SteeringInbox();
            _inbox = inbox;
            await store.StartRunAsync(request.RunId, key, _sessionId, request.Source, CancellationToken.None);
            runOpen = true;
            events = executor.RunAsync(request, _sessionId, inbox, _transcript, cancel.Token).GetAsyncEnumerator(CancellationToken.None);
            while (await events.MoveNextAsync())
            {
                var e = events.Current;
                if (e is RunStarted)
                {
                    broadcaster.Bind(e.SessionId, key);
                }

                if (e is RunStarted && _sessionId != e.SessionId)
                {
                    _sessionId = e.SessionId;
                    await store.SaveSessionAsync(key, e.SessionId, request.Agent, CancellationToken.None);
                }

                if (e is RunCompleted done)
                {
                    completed = true;
                    status = StatusOf(done.Result.Status);
                    error = done.Result.Error;
                    // Recorded before the answer goes out: a caller that asks /api/runs/{id} once its reply ended sees it.
                    await FinishRunAsync(request.RunId, status, error);
                    runOpen = false;
                }

                var json = JsonSerializer.Serialize(e, CoreJsonContext.Default.AgentEvent);
                if (broadcaster.HasSubscribers(key))
                {
                    broadcaster.Publish(key, WsFrames.Event(key, request.RunId, json));
                }

                yield return new TurnEvent { Json = json };
                if (e is RunCompleted)
                {
                    // The answer is complete: the caller's reply ends here. The stop hooks (memory capture's model call)
                    // finish in the background, and the next turn of this session waits for them.
                    break;
                }
            }
        }
        finally
        {
            // Closed before the caller sees the end: a message steered in afterwards is refused and sent as its own turn.
            inbox?.Close();
            if (ReferenceEquals(_inbox, inbox))
            {
                _inbox = null;
            }

            // A message that stopped waiting before its turn began must not touch the running turn's state.
            if (ran)
            {
                _running = null;
                if (_sessionId is not null)
                {
                    broadcaster.Unbind(_sessionId);
                }
            }

            _pending--;

            if (runOpen)
            {
                await FinishRunAsync(request.RunId, status, error);
            }

            if (events is null)
            {
                cancel?.Dispose();
                finished.TrySetResult();
            }
            else
            {
                if (!completed)
                {
                    // The caller stopped listening before the answer was complete: the turn is cancelled, as it stops.
                    cancel?.Cancel();
                }

                _ = DrainAsync(events, cancel, finished);
            }
        }
    }

    /// <summary>A turn cut short by the shutdown is parked: its session is consistent and the next message resumes it.</summary>
    private Task FinishRunAsync(string runId, string status, string? error) =>
        store.FinishRunAsync(runId, _sessionId, status == "cancelled" && executor.ShuttingDown ? "parked" : status, error, CancellationToken.None);

    /// <summary>Runs the rest of a turn after its answer (the stop hooks), then lets the next turn start.</summary>
    private static async Task DrainAsync(IAsyncEnumerator<AgentEvent> rest, CancellationTokenSource? cancel, TaskCompletionSource finished)
    {
        try
        {
            while (await rest.MoveNextAsync())
            {
            }
        }
        finally
        {
            await rest.DisposeAsync();
            cancel?.Dispose();
            finished.TrySetResult();
        }
    }

    public Task<bool> StopAsync()
    {
        var running = _running;
        if (running is null || running.IsCancellationRequested)
        {
            return Task.FromResult(false);
        }

        running.Cancel();
        return Task.FromResult(true);
    }

    public Task<bool> SteerAsync(string text) => Task.FromResult(_inbox?.TryPost(text) ?? false);

    public Task<int> PendingAsync() => Task.FromResult(_pending);

    private static string StatusOf(RunStatus status) => status switch
    {
        RunStatus.Done => "completed",
        RunStatus.Cancelled => "cancelled",
        RunStatus.LimitReached => "limit_reached",
        RunStatus.BudgetExceeded => "budget_exceeded",
        RunStatus.LoopDetected => "loop_detected",
        _ => "failed",
    };
}
