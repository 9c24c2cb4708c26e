namespace Chitin.Testing.Telegram;

/// <summary>
/// A stand-in for the Telegram Bot API over real HTTP on 127.0.0.1: getMe, getUpdates (long poll with offsets),
/// sendMessage, editMessageText, answerCallbackQuery. Tests push updates in and read what the bot sent.
/// </summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeTelegramState _state;
    private readonly CancellationTokenSource _stopping = new();

    private FakeTelegramServer(WebApplication app, FakeTelegramState state)
    {
        _app = app;
        _state = state;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>: the bot client's base URL (it adds "/bot&lt;token&gt;/&lt;method&gt;").</summary>
    public string BaseUrl => _app.Urls.First().TrimEnd('/');

    public string Token => _state.Token;

    public long BotId => _state.BotId;

    public string BotUserName => _state.BotUserName;

    /// <summary>Every sendMessage and editMessageText so far, in order.</summary>
    public IReadOnlyList<TelegramSentMessage> Sent => _state.SentSnapshot();

    /// <summary>The texts of answerCallbackQuery calls so far.</summary>
    public IReadOnlyList<string> CallbackAnswers => _state.CallbackAnswersSnapshot();

    /// <summary>The chats and topics that got a sendChatAction ("typing…"), in order.</summary>
    public IReadOnlyList<(long ChatId, int? ThreadId)> ChatActions => _state.ChatActionsSnapshot();

    /// <summary>How many getUpdates calls arrived.</summary>
    public int Polls => _state.Polls;

    public static async Task<FakeTelegramServer> StartAsync(string token = "123456:fake-token", string botUserName = "chitin_bot", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var state = new FakeTelegramState(token, long.Parse(token[..token.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), botUserName);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeTelegramServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton<IHostLifetime, DetachedHostLifetime>();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTelegramServer(app, state);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Queues a text message from a user; returns its update id.</summary>
    /// <param name="threadId">A forum topic: the message is a topic message in it.</param>
    /// <param name="replyToBot">The message replies to one of the bot's messages.</param>
    public long SendText(long chatId, long fromId, string text, string chatType = "private", int? threadId = null, bool replyToBot = false, string? userName = null) =>
        _state.AddMessage(chatId, fromId, text, chatType, threadId, replyToBot, userName);

    /// <summary>Queues a tap on an inline keyboard button of a message the bot sent.</summary>
    public long Press(TelegramSentMessage message, long fromId, string data, string chatType = "private") =>
        _state.AddCallback(message, fromId, data, chatType);

    /// <summary>Queues an update again with the same update and message ids, as Telegram does when an offset was never confirmed.</summary>
    public long Redeliver(long updateId) => _state.Redeliver(updateId);

    /// <summary>The next <paramref name="count"/> sendMessage calls fail with <paramref name="status"/>.</summary>
    public void FailNextSends(int count, int status = 502) => _state.FailNextSends(count, status);

    /// <summary>The raw JSON of an update pushed earlier, for a webhook test to post it.</summary>
    public string UpdateJson(long updateId) => _state.UpdateJson(updateId);

    /// <summary>Waits until the bot has sent a message matching <paramref name="match"/>.</summary>
    public Task<TelegramSentMessage> WaitForSentAsync(Func<TelegramSentMessage, bool> match, CancellationToken cancellationToken) =>
        _state.WaitAsync(() => _state.SentSnapshot().FirstOrDefault(match), cancellationToken);

    /// <summary>Waits until a getUpdates call confirmed <paramref name="updateId"/> (asked for a later offset): the bot has handled it.</summary>
    public Task WaitForConfirmedAsync(long updateId, CancellationToken cancellationToken) =>
        _state.WaitAsync(() => _state.ConfirmedThrough >= updateId ? "" : null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _state.Stop();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var prefix = "/bot" + _state.Token + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            await Reply(context, 401, new JsonObject { ["ok"] = false, ["error_code"] = 401, ["description"] = "Unauthorized" });
            return;
        }

        var method = path[prefix.Length..].ToLowerInvariant();
        JsonObject request;
        try
        {
            request = context.Request.ContentLength is 0 ? [] : (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            request = [];
        }

        var (status, result) = method switch
        {
            "getme" => (200, _state.Me()),
            "getupdates" => (200, await _state.GetUpdatesAsync(request, context.RequestAborted)),
            "sendmessage" => _state.SendMessage(request),
            "editmessagetext" => (200, _state.EditMessage(request)),
            "answercallbackquery" => (200, _state.AnswerCallback(request)),
            "sendchataction" => (200, _state.ChatAction(request)),
            _ => (404, (JsonNode?)null),
        };
        var body = status == 200
            ? new JsonObject { ["ok"] = true, ["result"] = result }
            : new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = status == 404 ? "Not Found: method not found" : "Bad Gateway" };
        await Reply(context, status, body);
    }

    private static async Task Reply(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
