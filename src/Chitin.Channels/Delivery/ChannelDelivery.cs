namespace Chitin.Channels.Delivery;

/// <summary>
/// Turns stored inbound messages into turns and replies. Each message is written to the <see cref="InboundStore"/>
/// before its turn starts (a redelivery with the same id is dropped there); one conversation's messages run one at a
/// time in arrival order, so a message that arrives mid-turn waits for the next turn and none is dropped. After a
/// crash, <see cref="Recover"/> answers what is still open: a turn without a stored reply runs again, a stored reply
/// is only sent again. "/stop" cancels the running turn at once. With <see cref="MidTurnMode.Steer"/> a message that
/// arrives mid-turn is handed to the running turn instead: it stays stored, and is marked answered by that turn's
/// reply (or gets its own turn when the running one ends without an answer).
/// </summary>
public sealed class ChannelDelivery : IAsyncDisposable
{
    public const string StopCommand = "/stop";

    private readonly string _channel;
    private readonly InboundStore _store;
    private readonly IConversationDispatcher _dispatcher;
    private readonly ChannelApprovals _approvals;
    private readonly IReplySender _sender;
    private readonly Action<string> _warn;
    private CancellationTokenSource _stopping = new();
    private int _disposed;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _running = [];
    private readonly MidTurnMode _midTurn;
    private readonly Dictionary<string, List<Steered>> _steering = new(StringComparer.Ordinal);

    public ChannelDelivery(string channel, InboundStore store, IConversationDispatcher dispatcher, ChannelApprovals approvals, IReplySender sender, Action<string>? warn = null, MidTurnMode midTurn = MidTurnMode.Queue)
    {
        _midTurn = midTurn;
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        _channel = channel;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _approvals = approvals ?? throw new ArgumentNullException(nameof(approvals));
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _warn = warn ?? (static _ => { });
    }

    /// <summary>Stores the message and schedules its turn; false for a redelivery of a stored message.</summary>
    public async Task<bool> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = _store.TryAdd(message);
        if (stored is null)
        {
            return false;
        }

        if (string.Equals(message.Text.Trim(), StopCommand, StringComparison.OrdinalIgnoreCase))
        {
            var stopped = await _dispatcher.StopAsync(message.Address.SessionKey, cancellationToken).ConfigureAwait(false);
            await ReplyAsync(stored, stopped ? "Stopped." : "Nothing is running.", cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_midTurn == MidTurnMode.Steer && await TrySteerAsync(stored, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        Schedule(stored);
        return true;
    }

    /// <summary>Schedules every message an earlier run left unanswered, oldest first.</summary>
    public int Recover()
    {
        var open = _store.Unanswered(_channel);
        foreach (var stored in open)
        {
            Schedule(stored);
        }

        return open.Count;
    }

    /// <summary>Completes when every scheduled turn and reply has finished.</summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Cancels running turns (they stay stored, to be answered after the next start) and waits for them. Later
    /// messages are accepted again, so a channel can be stopped and started.
    /// </summary>
    public async Task StopAsync()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var stopping = _stopping;
        await stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        lock (_gate)
        {
            _stopping = new CancellationTokenSource();
        }

        stopping.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Dispose();
        }
    }

    private void Schedule(StoredInbound stored)
    {
        lock (_gate)
        {
            var key = stored.Message.Address.SessionKey;
            var previous = _tails.GetValueOrDefault(key) ?? Task.CompletedTask;
            Task next = null!;
            next = Task.Run(async () =>
            {
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                try
                {
                    await ProcessAsync(stored).ConfigureAwait(false);
                }
                finally
                {
                    lock (_gate)
                    {
                        _running.Remove(next);
                        if (_tails.TryGetValue(key, out var tail) && tail == next)
                        {
                            _tails.Remove(key);
                        }
                    }
                }
            });
            _tails[key] = next;
            _running.Add(next);
        }
    }

    private async Task ProcessAsync(StoredInbound stored)
    {
        var token = _stopping.Token;
        if (token.IsCancellationRequested)
        {
            return;
        }

        if (stored.State == InboundState.Replying && stored.Reply is not null)
        {
            await ReplyAsync(stored, stored.Reply, token).ConfigureAwait(false);
            return;
        }

        string? sessionId = null;
        List<Steered>? steered = null;
        var key = stored.Message.Address.SessionKey;
        try
        {
            _store.SetState(stored.Id, InboundState.Running);
            await _sender.ShowWorkingAsync(stored.Message.Address, token).ConfigureAwait(false);
            AgentRunResult? result;
            BeginSteering(key);
            try
            {
                result = await RunTurnAsync(stored.Message, id => sessionId = id, token).ConfigureAwait(false);
            }
            finally
            {
                steered = EndSteering(key);
            }

            var reply = ReplyText(result);
            _store.SetState(stored.Id, InboundState.Replying, reply);
            await ReplyAsync(stored, reply, token).ConfigureAwait(false);
            await SettleSteeredAsync(steered, result?.Status == RunStatus.Done ? reply : null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down: the message stays open and the next start answers it.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _warn($"{_channel}: the turn for message {stored.Message.MessageId} failed: {ex.Message}");
            _store.SetState(stored.Id, InboundState.Failed);
            await TrySendAsync(stored.Message, "Sorry, something went wrong while answering this message.", token).ConfigureAwait(false);
            await SettleSteeredAsync(steered, null).ConfigureAwait(false);
        }
        finally
        {
            if (sessionId is not null)
            {
                _approvals.Unbind(sessionId);
            }
        }
    }

    /// <summary>Hands a message to its conversation's running turn; false when none runs here or it is finishing.</summary>
    private async Task<bool> TrySteerAsync(StoredInbound stored, CancellationToken cancellationToken)
    {
        var key = stored.Message.Address.SessionKey;
        var entry = new Steered(stored, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (!_steering.TryGetValue(key, out var list))
            {
                return false;
            }

            list.Add(entry);
        }

        var accepted = false;
        try
        {
            _store.SetState(stored.Id, InboundState.Running);
            accepted = await _dispatcher.SteerAsync(key, stored.Message.Text, cancellationToken).ConfigureAwait(false);
            return accepted;
        }
        finally
        {
            entry.Accepted.TrySetResult(accepted);
        }
    }

    private void BeginSteering(string key)
    {
        if (_midTurn == MidTurnMode.Steer)
        {
            lock (_gate)
            {
                _steering[key] = [];
            }
        }
    }

    private List<Steered>? EndSteering(string key)
    {
        lock (_gate)
        {
            return _steering.Remove(key, out var list) ? list : null;
        }
    }

    /// <summary>Messages the turn took in are answered by its reply; without one (stopped, failed) each gets its own turn.</summary>
    private async Task SettleSteeredAsync(List<Steered>? steered, string? reply)
    {
        foreach (var entry in steered ?? [])
        {
            if (!await entry.Accepted.Task.ConfigureAwait(false))
            {
                continue;
            }

            if (reply is not null)
            {
                _store.SetState(entry.Stored.Id, InboundState.Answered, reply);
            }
            else
            {
                Schedule(entry.Stored);
            }
        }
    }

    private async Task<AgentRunResult?> RunTurnAsync(InboundMessage message, Action<string> started, CancellationToken cancellationToken)
    {
        var conversation = new ConversationMessage
        {
            SessionKey = message.Address.SessionKey,
            Text = message.Text,
            Source = _channel,
            MessageId = message.MessageId,
        };
        AgentRunResult? result = null;
        await foreach (var e in _dispatcher.SendAsync(conversation, cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case RunStarted:
                    started(e.SessionId);
                    if (_sender is IApprovalPrompter prompter)
                    {
                        _approvals.Bind(e.SessionId, message.Address, prompter);
                    }

                    break;
                case RunCompleted done:
                    result = done.Result;
                    break;
            }
        }

        return result;
    }

    private static string ReplyText(AgentRunResult? result)
    {
        if (result is null)
        {
            return "The turn ended without an answer.";
        }

        if (!string.IsNullOrWhiteSpace(result.FinalText))
        {
            return result.FinalText;
        }

        return result.Status switch
        {
            RunStatus.Cancelled => "Stopped.",
            RunStatus.Done => "(no answer)",
            _ => $"The turn ended ({result.Status}) without an answer.",
        };
    }

    private async Task ReplyAsync(StoredInbound stored, string text, CancellationToken cancellationToken)
    {
        try
        {
            await _sender.SendReplyAsync(stored.Message, text, cancellationToken).ConfigureAwait(false);
            _store.SetState(stored.Id, InboundState.Answered, text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Retries are spent; the reply stays stored and the next start sends it.
            _store.SetState(stored.Id, InboundState.Replying, text);
            _warn($"{_channel}: could not deliver the reply to message {stored.Message.MessageId}: {ex.Message}");
        }
    }

    private sealed record Steered(StoredInbound Stored, TaskCompletionSource<bool> Accepted);

    private async Task TrySendAsync(InboundMessage message, string text, CancellationToken cancellationToken)
    {
        try
        {
            await _sender.SendReplyAsync(message, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _warn($"{_channel}: could not tell the chat about the failure: {ex.Message}");
        }
    }
}
