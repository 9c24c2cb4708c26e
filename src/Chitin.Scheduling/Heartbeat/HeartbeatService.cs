namespace Chitin.Scheduling.Heartbeat;

/// <summary>
/// The gateway's heartbeat. Every <see cref="HeartbeatSettings.Every"/> a deterministic pre-check runs with no model
/// call: inside active hours, breaker closed, work to do (open tasks in HEARTBEAT.md or new events), budget left.
/// Only then one model call with a light context: HEARTBEAT.md and the new events, no transcript and no tools. A 401
/// or 402 opens the circuit breaker for the life of the service. Each beat reports a <see cref="HeartbeatEvent"/>.
/// A cron run is never a beat.
/// </summary>
public sealed class HeartbeatService
{
    public const string Instructions =
        "You are the heartbeat of an always-on assistant. Below are the user's HEARTBEAT.md (standing tasks; unchecked " +
        "items are open) and the events since your last look. Say briefly what needs the user's attention now, or reply " +
        "HEARTBEAT_OK when nothing does. You cannot run tools here.";

    private readonly HeartbeatSettings _settings;
    private readonly string _workspace;
    private readonly IChatClient _client;
    private readonly string _model;
    private readonly IHeartbeatEventSource _events;
    private readonly HeartbeatUsageStore _usage;
    private readonly TimeProvider _time;
    private readonly IOutboundMessenger? _messenger;
    private readonly Action<HeartbeatEvent> _onBeat;
    private string? _breakerReason;

    /// <param name="workspace">The folder holding HEARTBEAT.md: gateway.workspace, else the folder the gateway started in.</param>
    /// <param name="model">heartbeat.model, else the configured model.</param>
    /// <param name="onBeat">Receives every beat's event (log or stream it).</param>
    public HeartbeatService(
        HeartbeatSettings settings,
        string workspace,
        IChatClient client,
        string model,
        IHeartbeatEventSource events,
        HeartbeatUsageStore usage,
        TimeProvider time,
        IOutboundMessenger? messenger = null,
        Action<HeartbeatEvent>? onBeat = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        _workspace = workspace;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _model = model;
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _usage = usage ?? throw new ArgumentNullException(nameof(usage));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _messenger = messenger;
        _onBeat = onBeat ?? (static _ => { });
    }

    /// <summary>Why the breaker is open ("401 …"); null while it is closed.</summary>
    public string? BreakerReason => Volatile.Read(ref _breakerReason);

    /// <summary>
    /// Beats at start + k·every until <paramref name="cancellationToken"/> fires. Beats missed while a slow one ran
    /// collapse into one, made at once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = _time.GetUtcNow();
        var every = _settings.Every.Ticks;
        long lastSlot = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var slot = Math.Max(lastSlot + 1, (now - start).Ticks / every);
            var wait = start + TimeSpan.FromTicks(every * slot) - now;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }

                lastSlot = slot;
                await BeatAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Platform.Sqlite.DatabaseException ex)
            {
                // The daily budget could not be read or written: no model call this beat, try again at the next.
                _onBeat(new HeartbeatEvent(HeartbeatEvent.Skipped, HeartbeatReason.StoreUnavailable, _time.GetUtcNow(), 0, 0, Error: ex.Message));
            }
        }
    }

    /// <summary>One beat: the pre-check, and the model call only when it finds work.</summary>
    public async Task<HeartbeatEvent> BeatAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (text, openTasks) = HeartbeatFile.Read(_workspace);
        var pending = _events.Pending();
        HeartbeatEvent Skip((HeartbeatReason Reason, string? Detail) why) => new(HeartbeatEvent.Skipped, why.Reason, now, openTasks, pending.Count, Detail: why.Detail);

        var beat = PreCheck(now, openTasks, pending.Count) is { } why
            ? Skip(why)
            : await CallModelAsync(now, text, openTasks, pending, cancellationToken);
        _onBeat(beat);
        return beat;
    }

    private (HeartbeatReason Reason, string? Detail)? PreCheck(DateTimeOffset now, int openTasks, int newEvents)
    {
        if (!_settings.Enabled)
        {
            return (HeartbeatReason.Disabled, null);
        }

        if (_settings.ActiveHours is { } hours && !hours.Contains(now, _settings.Zone))
        {
            return (HeartbeatReason.OutsideActiveHours, null);
        }

        if (BreakerReason is { } breaker)
        {
            return (HeartbeatReason.CircuitOpen, breaker);
        }

        if (openTasks == 0 && newEvents == 0)
        {
            return (HeartbeatReason.NoWork, null);
        }

        var (calls, tokens) = _usage.Today(now);
        if (calls >= _settings.DailyCap || (_settings.DailyTokens > 0 && tokens >= _settings.DailyTokens))
        {
            return (HeartbeatReason.DailyCapReached, string.Create(CultureInfo.InvariantCulture, $"{calls} of {_settings.DailyCap} calls, {tokens} of {_settings.DailyTokens} tokens today"));
        }

        return null;
    }

    private async Task<HeartbeatEvent> CallModelAsync(DateTimeOffset now, string heartbeatMd, int openTasks, IReadOnlyList<HeartbeatInput> pending, CancellationToken cancellationToken)
    {
        var reason = openTasks > 0 && pending.Count > 0 ? HeartbeatReason.OpenTasksAndNewEvents
            : openTasks > 0 ? HeartbeatReason.OpenTasks
            : HeartbeatReason.NewEvents;
        ChatMessage[] messages = [new(ChatRole.System, Instructions), new(ChatRole.User, LightContext(heartbeatMd, pending))];
        var options = new ChatOptions { ModelId = _model, MaxOutputTokens = 1024 };
        ChatResponse response;
        try
        {
            response = await _client.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (ModelCallException ex)
        {
            _usage.Record(now, 0);
            if (ex.StatusCode is 401 or 402)
            {
                Volatile.Write(ref _breakerReason, string.Create(CultureInfo.InvariantCulture, $"{ex.StatusCode} from the provider; fix the API key or billing, then restart the gateway"));
            }

            return new HeartbeatEvent(HeartbeatEvent.Ran, HeartbeatReason.ModelCallFailed, now, openTasks, pending.Count, Error: ex.Message);
        }

        var tokens = response.Usage?.TotalTokenCount ?? 0;
        _usage.Record(now, tokens);
        if (pending.Count > 0)
        {
            _events.Acknowledge(pending[^1].Sequence);
        }

        var reply = response.Text;
        var error = await DeliverAsync(reply, cancellationToken);
        return new HeartbeatEvent(HeartbeatEvent.Ran, reason, now, openTasks, pending.Count, tokens, reply, error);
    }

    private Task<string?> DeliverAsync(string reply, CancellationToken cancellationToken) =>
        _settings.Deliver is not { } target || reply.Contains("HEARTBEAT_OK", StringComparison.Ordinal)
            ? Task.FromResult<string?>(null)
            : OutboundDelivery.TryDeliverAsync(_messenger, target, reply, noChannelHint: "", consequence: "", cancellationToken);

    /// <summary>HEARTBEAT.md and the new events; nothing else reaches the model.</summary>
    internal static string LightContext(string heartbeatMd, IReadOnlyList<HeartbeatInput> pending)
    {
        var text = new StringBuilder();
        text.Append("HEARTBEAT.md:\n").Append(heartbeatMd.Trim()).Append("\n\n");
        if (pending.Count == 0)
        {
            text.Append("No new events since the last beat.");
        }
        else
        {
            text.Append("New events since the last beat:\n");
            foreach (var input in pending)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {input.At:yyyy-MM-ddTHH:mm:ssZ} [{input.Source}] {input.Text}\n");
            }
        }

        return text.ToString();
    }
}
