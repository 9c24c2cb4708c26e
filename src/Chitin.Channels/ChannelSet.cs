namespace Chitin.Channels;

/// <summary>
/// The configured channels of one host, built from the "channels" section with their secrets read from the
/// environment: start them with the host, map <see cref="TelegramChannel.HandleWebhookAsync"/> and
/// <see cref="WebhookChannel.HandleAsync"/> to routes, hand <see cref="Messenger"/> to cron and the heartbeat and
/// <see cref="Approver"/> to the runs of channel sessions, and stop them on shutdown.
/// </summary>
public sealed class ChannelSet : IAsyncDisposable
{
    private readonly ChannelDatabase _database;

    private ChannelSet(ChannelDatabase database, TelegramChannel? telegram, IReadOnlyDictionary<string, WebhookChannel> webhooks, ChannelApprovals approvals, ChannelToolApprover approver)
    {
        _database = database;
        Telegram = telegram;
        Webhooks = webhooks;
        Approvals = approvals;
        Approver = approver;
        All = [.. new IChannel?[] { telegram }.OfType<IChannel>(), .. webhooks.Values];
        Messenger = new ChannelMessenger(All);
    }

    public TelegramChannel? Telegram { get; }

    /// <summary>Webhook channels by configured name.</summary>
    public IReadOnlyDictionary<string, WebhookChannel> Webhooks { get; }

    public IReadOnlyList<IChannel> All { get; }

    public ChannelMessenger Messenger { get; }

    public ChannelApprovals Approvals { get; }

    /// <summary>Asks the session's chat; no answer within channels.approvalTimeoutSeconds denies.</summary>
    public ChannelToolApprover Approver { get; }

    /// <exception cref="ConfigException">A channel's secret variable is not set.</exception>
    public static ChannelSet Create(ChannelsSettings settings, string databasePath, IReadOnlyDictionary<string, string> environment, IConversationDispatcher dispatcher, HttpClient http, ChannelApprovals? approvals = null, TelegramChannelOptions? telegramOptions = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        time ??= TimeProvider.System;
        approvals ??= new ChannelApprovals();
        var (botToken, hookSecret, webhookSecrets) = ReadSecrets(settings, environment);

        var database = ChannelDatabase.Open(databasePath);
        var telegram = settings.Telegram is null
            ? null
            : new TelegramChannel(settings.Telegram, botToken!, database, dispatcher, approvals, (telegramOptions ?? new TelegramChannelOptions()) with { Time = time }, hookSecret);
        var webhooks = settings.Webhooks.ToDictionary(
            w => w.Name,
            w => new WebhookChannel(w, webhookSecrets[w.Name], database, dispatcher, approvals, http, time, warn: telegramOptions?.Warn),
            StringComparer.Ordinal);
        return new ChannelSet(database, telegram, webhooks, approvals, new ChannelToolApprover(approvals, settings.ApprovalTimeout, time));
    }

    /// <summary>Fails as <see cref="Create"/> would when a channel's secret variable is not set, before anything is opened.</summary>
    /// <exception cref="ConfigException">A channel's secret variable is not set.</exception>
    public static void CheckSecrets(ChannelsSettings settings, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        _ = ReadSecrets(settings, environment);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var channel in All)
        {
            await channel.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var channel in All)
        {
            await channel.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in All)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        _database.Dispose();
    }

    private static (string? BotToken, string? HookSecret, Dictionary<string, string> WebhookSecrets) ReadSecrets(ChannelsSettings settings, IReadOnlyDictionary<string, string> environment) =>
    (
        settings.Telegram is { } tg ? Secret(environment, tg.BotTokenEnv, "channels.telegram.botTokenEnv", "the bot token from @BotFather") : null,
        settings.Telegram?.WebhookSecretEnv is { } secretEnv ? Secret(environment, secretEnv, "channels.telegram.webhookSecretEnv", "the webhook secret token") : null,
        settings.Webhooks.ToDictionary(w => w.Name, w => Secret(environment, w.SecretEnv, $"channels.webhooks.{w.Name}.secretEnv", "the HMAC secret"), StringComparer.Ordinal));

    private static string Secret(IReadOnlyDictionary<string, string> environment, string variable, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            throw new ConfigException($"{key} must name the environment variable that holds {what}");
        }

        return environment.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new ConfigException($"{key} names {variable}, but {variable} is not set: export {what} as {variable} before starting the gateway");
    }
}
