namespace Chitin.Gateway.Features;

/// <summary>
/// What the gateway runs besides its APIs: the configured chat channels (Telegram, webhooks), cron jobs and the
/// heartbeat, all going through the grain dispatcher. Channels start with the host and stop before it (running turns
/// are parked and answered after the next start); cron and heartbeat run until shutdown.
/// </summary>
internal sealed class GatewayFeatures : BackgroundService, IAsyncDisposable
{
    private readonly ILogger _log;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public GatewayFeatures(ChitinHost host, IConversationDispatcher dispatcher, IReadOnlyDictionary<string, string> environment, string workspace, TimeProvider time, ApprovalRelay approvals, ILogger log)
    {
        _log = log;
        var settings = ChannelsSettings.From(host.Config);
        Channels = settings.Telegram is null && settings.Webhooks.Count == 0
            ? null
            : ChannelSet.Create(settings, host.Config.Paths.DatabaseFile, environment, dispatcher, _http, time: time);
        if (Channels is not null)
        {
            approvals.Connect(Channels.Approvals, Channels.Approver);
        }

        Schedules = GatewaySchedules.Create(
            host,
            dispatcher,
            Channels?.Messenger,
            workspace,
            time,
            onBeat: beat =>
            {
                Beats.Add(beat);
                _log.LogInformation("{Type}: {Reason} (open tasks {Tasks}, new events {Events}, tokens {Tokens})", beat.Type, beat.ReasonText, beat.OpenTasks, beat.NewEvents, beat.Tokens);
            },
            onRun: run => _log.LogInformation("cron {Job}: {Status}", run.JobId, StoredNames.Name(run.Status)),
            warn: message => _log.LogWarning("{Message}", message));
    }

    /// <summary>Null when no channel is configured.</summary>
    public ChannelSet? Channels { get; }

    /// <summary>The latest heartbeat beats (the web UI's Cron &amp; heartbeat page shows their reasons).</summary>
    public HeartbeatJournal Beats { get; } = new();

    public GatewaySchedules Schedules { get; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Channels is not null)
        {
            await Channels.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Channels is not null)
        {
            await Channels.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Channels is not null)
        {
            await Channels.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
        Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Schedules.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
