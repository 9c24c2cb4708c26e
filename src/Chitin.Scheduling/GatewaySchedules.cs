namespace Chitin.Scheduling;

/// <summary>
/// What a long-running host runs besides its front ends: the cron scheduler and, when "heartbeat" is enabled, the
/// heartbeat. Build it once after the <see cref="ChitinHost"/> started, feed <see cref="Inbox"/> with events worth a
/// look, call <see cref="CronScheduler.Notify"/> on <see cref="Cron"/> after an API edit, and run <see cref="RunAsync"/>
/// until shutdown (a BackgroundService's ExecuteAsync can simply await it).
/// </summary>
public sealed class GatewaySchedules(CronJobStore jobs, CronScheduler cron, HeartbeatService? heartbeat, HeartbeatInbox inbox)
{
    public CronJobStore Jobs { get; } = jobs;

    public CronScheduler Cron { get; } = cron;

    /// <summary>Null when heartbeat.enabled is false.</summary>
    public HeartbeatService? Heartbeat { get; } = heartbeat;

    public HeartbeatInbox Inbox { get; } = inbox;

    /// <param name="dispatcher">Runs each cron run as a fresh conversation (the gateway's grains).</param>
    /// <param name="messenger">Delivers cron and heartbeat answers; null when no channel is configured.</param>
    /// <param name="workspace">gateway.workspace, else the folder the gateway started in; HEARTBEAT.md is read there.</param>
    public static GatewaySchedules Create(
        ChitinHost host,
        IConversationDispatcher dispatcher,
        IOutboundMessenger? messenger,
        string workspace,
        TimeProvider time,
        Action<HeartbeatEvent>? onBeat = null,
        Action<CronRun>? onRun = null,
        Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var database = host.Config.Paths.DatabaseFile;
        var jobs = CronJobStore.Open(database);
        var cron = new CronScheduler(jobs, new CronJobRunner(jobs, dispatcher, messenger, time), time, onRun, warn);
        var inbox = new HeartbeatInbox(time);
        var settings = host.Config.Heartbeat;
        HeartbeatService? heartbeat = null;
        if (settings.Enabled && (settings.Model ?? host.Config.Model) is { } model)
        {
            heartbeat = new HeartbeatService(settings, workspace, host.Clients.Deferred(model).Client, model, inbox, HeartbeatUsageStore.Open(database), time, messenger, onBeat);
        }
        else if (settings.Enabled)
        {
            warn?.Invoke("heartbeat: no model configured (set \"model\" or heartbeat.model); the heartbeat is off");
        }

        return new GatewaySchedules(jobs, cron, heartbeat, inbox);
    }

    /// <summary>Runs the scheduler and the heartbeat until <paramref name="cancellationToken"/> fires.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Cron.RunAsync(cancellationToken), Heartbeat?.RunAsync(cancellationToken) ?? Task.CompletedTask);
}
