namespace Chitin.Channels.Webhook;

/// <summary>
/// A generic HTTP channel: the host maps <see cref="HandleAsync"/> to a route; requests must carry a fresh
/// HMAC-SHA256 signature, and a replayed message id is refused. Replies are POSTed, signed the same way, to the
/// configured URL with retries and backoff.
/// </summary>
public sealed class WebhookChannel : IChannel, IReplySender
{
    public const string ChannelName = "webhook";

    private readonly WebhookSettings _settings;
    private readonly string _secret;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ChannelDelivery _delivery;
    private readonly ResiliencePipeline _retry;

    public WebhookChannel(WebhookSettings settings, string secret, ChannelDatabase database, IConversationDispatcher dispatcher, ChannelApprovals approvals, HttpClient http, TimeProvider? time = null, TimeSpan? retryDelay = null, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _settings = settings;
        _secret = secret;
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? TimeProvider.System;
        _delivery = new ChannelDelivery(ChannelName, new InboundStore(database, _time), dispatcher, approvals, this, warn, settings.MidTurn);
        _retry = OutboundRetry.Create(4, retryDelay ?? TimeSpan.FromSeconds(1), static ex => ex is HttpRequestException or TaskCanceledException, _time);
    }

    public string Name => ChannelName;

    /// <summary>The configured name: targets "webhook:&lt;name&gt;" reach this channel.</summary>
    public string WebhookName => _settings.Name;

    public ChannelCapabilities Capabilities { get; } = new(Threads: true, Edits: false, Typing: false, MaxMessageLength: int.MaxValue);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _delivery.Recover();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _delivery.StopAsync();

    public Task WaitUntilIdleAsync(CancellationToken cancellationToken) => _delivery.WaitUntilIdleAsync(cancellationToken);

    /// <summary>Verifies and accepts one inbound request: 401 bad signature, 408 stale, 400 bad body, 409 replayed id, 202 accepted.</summary>
    public async Task<WebhookResult> HandleAsync(IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        var problem = WebhookSignature.Check(_secret, Header(headers, WebhookSignature.TimestampHeader), Header(headers, WebhookSignature.SignatureHeader), body, _time.GetUtcNow(), _settings.MaxSkew);
        if (problem is not null)
        {
            return new WebhookResult(problem == "stale timestamp" ? 408 : 401, problem);
        }

        WebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(body, WebhookJsonContext.Default.WebhookPayload);
        }
        catch (JsonException)
        {
            return new WebhookResult(400, "body must be JSON { \"id\", \"text\", \"conversation\"?, \"sender\"? }");
        }

        if (payload is not { Id.Length: > 0, Text.Length: > 0 })
        {
            return new WebhookResult(400, "body needs a non-empty \"id\" and \"text\"");
        }

        var address = new ChannelAddress(ChannelName, _settings.Name, string.IsNullOrWhiteSpace(payload.Conversation) ? null : payload.Conversation);
        var message = new InboundMessage(address, _settings.Name + ":" + payload.Id, payload.Sender ?? "webhook", payload.Text, payload.Id);
        var fresh = await _delivery.AcceptAsync(message, cancellationToken).ConfigureAwait(false);
        return fresh ? new WebhookResult(202, "accepted") : new WebhookResult(409, "message id already received");
    }

    public Task SendReplyAsync(InboundMessage to, string text, CancellationToken cancellationToken) =>
        PostAsync(new WebhookReply(_settings.Name, to.Address.ThreadId, to.ReplyTo, text), cancellationToken);

    public Task SendAsync(ChannelAddress address, string text, CancellationToken cancellationToken) =>
        PostAsync(new WebhookReply(_settings.Name, address.ThreadId, null, text), cancellationToken);

    public async ValueTask DisposeAsync() => await _delivery.DisposeAsync().ConfigureAwait(false);

    private async Task PostAsync(WebhookReply reply, CancellationToken cancellationToken)
    {
        if (_settings.Url is null)
        {
            return;
        }

        var body = JsonSerializer.Serialize(reply, WebhookJsonContext.Default.WebhookReply);
        await _retry.ExecuteAsync(async ct =>
        {
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, _settings.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_secret, timestamp, body));
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new HttpRequestException($"webhook {_settings.Name}: {_settings.Url} answered {(int)response.StatusCode}", null, response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                // 4xx will not get better by retrying.
                throw new InvalidOperationException($"webhook {_settings.Name}: {_settings.Url} refused the reply with {(int)response.StatusCode}");
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
