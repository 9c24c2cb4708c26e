namespace Chitin.Testing.Telegram;

/// <summary>The fake Bot API's queue of updates and record of what the bot sent; every change wakes the waiters.</summary>
internal sealed class FakeTelegramState(string token, long botId, string botUserName)
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _queue = [];
    private readonly Dictionary<long, JsonObject> _all = [];
    private readonly List<TelegramSentMessage> _sent = [];
    private readonly List<string> _callbackAnswers = [];
    private readonly List<(long, int?)> _chatActions = [];
    private readonly CancellationTokenSource _stopped = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _nextUpdate = 1000;
    private int _nextMessage = 1;
    private int _failures;
    private int _failureStatus;
    private int _polls;

    public string Token { get; } = token;

    public long BotId { get; } = botId;

    public string BotUserName { get; } = botUserName;

    public long ConfirmedThrough { get; private set; }

    public int Polls => Volatile.Read(ref _polls);

    public JsonNode Me() => new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Chitin", ["username"] = BotUserName };

    public long AddMessage(long chatId, long fromId, string text, string chatType, int? threadId, bool replyToBot, string? userName)
    {
        lock (_gate)
        {
            var message = new JsonObject
            {
                ["message_id"] = _nextMessage++,
                ["date"] = 1_700_000_000,
                ["chat"] = Chat(chatId, chatType, threadId is not null),
                ["from"] = new JsonObject { ["id"] = fromId, ["is_bot"] = false, ["first_name"] = "User" + fromId, ["username"] = userName },
                ["text"] = text,
            };
            if (threadId is not null)
            {
                message["message_thread_id"] = threadId;
                message["is_topic_message"] = true;
            }

            if (replyToBot)
            {
                message["reply_to_message"] = new JsonObject
                {
                    ["message_id"] = _nextMessage++,
                    ["date"] = 1_700_000_000,
                    ["chat"] = Chat(chatId, chatType, threadId is not null),
                    ["from"] = Me(),
                    ["text"] = "an earlier answer",
                };
            }

            return Enqueue(new JsonObject { ["message"] = message });
        }
    }

    public long AddCallback(TelegramSentMessage sent, long fromId, string data, string chatType)
    {
        lock (_gate)
        {
            var message = new JsonObject { ["message_id"] = sent.MessageId, ["date"] = 1_700_000_000, ["chat"] = Chat(sent.ChatId, chatType, false), ["from"] = Me(), ["text"] = sent.Text };
            var callback = new JsonObject
            {
                ["id"] = "cb" + _nextUpdate,
                ["from"] = new JsonObject { ["id"] = fromId, ["is_bot"] = false, ["first_name"] = "User" + fromId },
                ["chat_instance"] = "ci",
                ["message"] = message,
                ["data"] = data,
            };
            return Enqueue(new JsonObject { ["callback_query"] = callback });
        }
    }

    public long Redeliver(long updateId)
    {
        lock (_gate)
        {
            _queue.Add(_all[updateId]);
            _queue.Sort((a, b) => a["update_id"]!.GetValue<long>().CompareTo(b["update_id"]!.GetValue<long>()));
            ConfirmedThrough = Math.Min(ConfirmedThrough, updateId - 1);
            Signal();
            return updateId;
        }
    }

    public string UpdateJson(long updateId)
    {
        lock (_gate)
        {
            return _all[updateId].ToJsonString();
        }
    }

    public void FailNextSends(int count, int status)
    {
        lock (_gate)
        {
            _failures = count;
            _failureStatus = status;
        }
    }

    public async Task<JsonNode> GetUpdatesAsync(JsonObject request, CancellationToken aborted)
    {
        Interlocked.Increment(ref _polls);
        var offset = request["offset"]?.GetValue<long>();
        var timeout = request["timeout"]?.GetValue<int>() ?? 0;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopped.Token);
        linked.CancelAfter(TimeSpan.FromSeconds(timeout));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (offset is { } confirmed)
                {
                    _queue.RemoveAll(u => u["update_id"]!.GetValue<long>() < confirmed);
                    if (confirmed - 1 > ConfirmedThrough)
                    {
                        ConfirmedThrough = confirmed - 1;
                        Signal();
                    }
                }

                if (_queue.Count > 0 || linked.IsCancellationRequested)
                {
                    return new JsonArray([.. _queue.Select(u => u.DeepClone())]);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(linked.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public (int, JsonNode?) SendMessage(JsonObject request)
    {
        lock (_gate)
        {
            if (_failures > 0)
            {
                _failures--;
                return (_failureStatus, null);
            }

            var chatId = request["chat_id"]!.GetValue<long>();
            var id = _nextMessage++;
            var keyboard = request["reply_markup"]?["inline_keyboard"]?.AsArray().SelectMany(row => row!.AsArray()).Select(b => b!["callback_data"]!.GetValue<string>()).ToList() ?? [];
            _sent.Add(new TelegramSentMessage("sendMessage", chatId, id, request["text"]!.GetValue<string>(), request["message_thread_id"]?.GetValue<int>(), request["reply_parameters"]?["message_id"]?.GetValue<int>(), keyboard));
            Signal();
            var message = new JsonObject { ["message_id"] = id, ["date"] = 1_700_000_000, ["chat"] = Chat(chatId, chatId < 0 ? "supergroup" : "private", false), ["from"] = Me(), ["text"] = request["text"]!.DeepClone() };
            return (200, message);
        }
    }

    public JsonNode EditMessage(JsonObject request)
    {
        lock (_gate)
        {
            var chatId = request["chat_id"]!.GetValue<long>();
            var id = request["message_id"]!.GetValue<int>();
            _sent.Add(new TelegramSentMessage("editMessageText", chatId, id, request["text"]!.GetValue<string>(), null, null, []));
            Signal();
            return new JsonObject { ["message_id"] = id, ["date"] = 1_700_000_000, ["chat"] = Chat(chatId, "private", false), ["text"] = request["text"]!.DeepClone() };
        }
    }

    public JsonNode AnswerCallback(JsonObject request)
    {
        lock (_gate)
        {
            _callbackAnswers.Add(request["text"]?.GetValue<string>() ?? "");
            Signal();
            return true;
        }
    }

    public JsonNode ChatAction(JsonObject request)
    {
        lock (_gate)
        {
            _chatActions.Add((request["chat_id"]!.GetValue<long>(), request["message_thread_id"]?.GetValue<int>()));
            Signal();
            return true;
        }
    }

    public IReadOnlyList<(long ChatId, int? ThreadId)> ChatActionsSnapshot()
    {
        lock (_gate)
        {
            return [.. _chatActions];
        }
    }

    public IReadOnlyList<TelegramSentMessage> SentSnapshot()
    {
        lock (_gate)
        {
            return [.. _sent];
        }
    }

    public IReadOnlyList<string> CallbackAnswersSnapshot()
    {
        lock (_gate)
        {
            return [.. _callbackAnswers];
        }
    }

    public async Task<T> WaitAsync<T>(Func<T?> probe, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (probe() is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public void Stop() => _stopped.Cancel();

    private long Enqueue(JsonObject update)
    {
        var id = _nextUpdate++;
        update["update_id"] = id;
        _all[id] = update;
        _queue.Add(update);
        Signal();
        return id;
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static JsonObject Chat(long chatId, string type, bool forum)
    {
        var chat = new JsonObject { ["id"] = chatId, ["type"] = type };
        if (type != "private")
        {
            chat["title"] = "Group " + chatId;
            if (forum)
            {
                chat["is_forum"] = true;
            }
        }

        return chat;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
