namespace Chitin.Channels.Telegram;

/// <summary>
/// The Telegram channel: long polling by default (one poller per bot token, held by a lease in chitin.db) or a webhook
/// whose handler the host maps to a route. Messages go through pairing, the inbound log and the conversation
/// dispatcher; replies go to the same chat and topic.
/// </summary>
public sealed class TelegramChannel : IChannel
{
    public const string ChannelName = "telegram";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private readonly TelegramSettings _settings;
    private readonly TelegramChannelOptions _options;
    private readonly TelegramBotClient _bot;
    private readonly HttpClient? _ownedClient;
    private readonly TelegramSender _sender;
    private readonly ChannelDelivery _delivery;
    private readonly TelegramUpdateRouter _router;
    private readonly SingletonLease _lease;
    private readonly string? _webhookSecret;
    private CancellationTokenSource? _polling;
    private Task? _poller;
    private int _disposed;

    public TelegramChannel(TelegramSettings settings, string botToken, ChannelDatabase database, IConversationDispatcher dispatcher, ChannelApprovals approvals, TelegramChannelOptions? options = null, string? webhookSecret = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(botToken);
        ArgumentNullException.ThrowIfNull(database);
        _settings = settings;
        _options = options ?? new TelegramChannelOptions();
        _webhookSecret = webhookSecret;
        if (_options.HttpClient is null)
        {
            _ownedClient = new HttpClient { Timeout = TimeSpan.FromSeconds(_options.PollTimeoutSeconds + 30) };
        }

        _bot = new TelegramBotClient(new TelegramBotClientOptions(botToken, settings.ApiBaseUrl), _options.HttpClient ?? _ownedClient);
        _sender = new TelegramSender(_bot, _options.Time, _options.RetryDelay);
        var store = new InboundStore(database, _options.Time);
        _delivery = new ChannelDelivery(ChannelName, store, dispatcher, approvals, _sender, _options.Warn, settings.MidTurn);
        Pairing = new PairingStore(database, _options.Time);
        _router = new TelegramUpdateRouter(settings, new SenderGate(ChannelName, Pairing, settings.AllowFrom), Pairing, _delivery, _sender, approvals);
        _lease = new SingletonLease(database, SingletonLease.NameForToken(ChannelName, botToken), _options.LeaseHolder, _options.LeaseDuration, _options.Time);
    }

    public string Name => ChannelName;

    public ChannelCapabilities Capabilities { get; } = new(Threads: true, Edits: true, Typing: true, MaxMessageLength: MessageSplitter.TelegramLimit);

    public PairingStore Pairing { get; }

    /// <summary>Receives updates from the webhook instead of polling.</summary>
    public bool UsesWebhook => _webhookSecret is not null;

    /// <summary>The bot's @username, known after <see cref="StartAsync"/>.</summary>
    public string? BotUserName => _router.BotUserName;

    /// <summary>Checks the token with getMe, takes the poller lease (polling mode), answers what an earlier run left open, and starts polling.</summary>
    /// <exception cref="LeaseHeldException">Another poller holds this bot token.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var me = await _bot.GetMe(cancellationToken).ConfigureAwait(false);
        _router.SetBot(me.Id, me.Username);
        if (!UsesWebhook)
        {
            _lease.Acquire("Telegram bot");
        }

        _delivery.Recover();
        if (!UsesWebhook)
        {
            _polling = new CancellationTokenSource();
            _poller = Task.Run(() => PollAsync(_polling.Token), CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_polling is not null)
        {
            await _polling.CancelAsync().ConfigureAwait(false);
            await (_poller ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _polling.Dispose();
            _polling = null;
            _lease.Release();
        }

        await _delivery.StopAsync().ConfigureAwait(false);
    }

    public Task SendAsync(ChannelAddress address, string text, CancellationToken cancellationToken) =>
        _sender.SendAsync(address, text, replyTo: null, cancellationToken);

    /// <summary>Completes when every accepted message is answered (or parked); for tests and graceful shutdown.</summary>
    public Task WaitUntilIdleAsync(CancellationToken cancellationToken) => _delivery.WaitUntilIdleAsync(cancellationToken);

    /// <summary>
    /// The webhook route's handler: checks the secret header in constant time, then stores and schedules the update.
    /// Answers 401 for a wrong secret, 400 for a body that is not an update.
    /// </summary>
    public async Task<WebhookResult> HandleWebhookAsync(IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var presented = headers.FirstOrDefault(h => string.Equals(h.Key, SecretHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (_webhookSecret is null || presented is null
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_webhookSecret), Encoding.UTF8.GetBytes(presented)))
        {
            return new WebhookResult(401, "bad or missing secret token");
        }

        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return new WebhookResult(400, "not a Telegram update");
        }

        if (update is null)
        {
            return new WebhookResult(400, "not a Telegram update");
        }

        var fresh = await _router.HandleAsync(update, cancellationToken).ConfigureAwait(false);
        return fresh ? WebhookResult.Accepted : WebhookResult.Duplicate;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _delivery.DisposeAsync().ConfigureAwait(false);
        _ownedClient?.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        int? offset = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!_lease.TryAcquire(out var holder))
                {
                    _options.Warn($"telegram: stopped polling: the poller lease was taken over by {holder}.");
                    return;
                }

                var updates = await _bot.GetUpdates(offset, 100, _options.PollTimeoutSeconds, [UpdateType.Message, UpdateType.CallbackQuery], cancellationToken).ConfigureAwait(false);
                failures = 0;
                foreach (var update in updates)
                {
                    await _router.HandleAsync(update, cancellationToken).ConfigureAwait(false);
                    offset = update.Id + 1;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Network trouble, or a failed store write: the offset did not move, so the updates come again and
                // the inbound log drops the ones already stored.
                failures++;
                _options.Warn($"telegram: getUpdates failed ({ex.Message}); retrying.");
                var delay = _options.RetryDelay * Math.Pow(2, Math.Min(failures, 6));
                await Task.Delay(delay, _options.Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
