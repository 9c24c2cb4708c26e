namespace Chitin.Gateway.Realtime;

/// <summary>
/// The requests of one <c>/ws</c> connection: <c>turn.start</c>, <c>turn.cancel</c>, <c>approval.answer</c> and
/// <c>session.subscribe</c>. Each request id is recorded for the caller's token before anything runs, so a resent
/// request is acknowledged as a duplicate (with its original run) and not executed again.
/// </summary>
internal sealed class WsSession(WsConnection connection, string scope, WsServices services) : IDisposable
{
    public const int MaxIdLength = 128;

    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);

    /// <summary>Who the idempotency keys belong to: a hash of the credential the request came with.</summary>
    public static string ScopeOf(string? credential) =>
        credential is null ? "anonymous" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)))[..32];

    public async Task HandleAsync(string text, CancellationToken cancellationToken)
    {
        string? id = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("A request is one JSON object with \"type\" and \"id\".");
            }

            id = Text(root, "id");
            if (id is null || id.Length > MaxIdLength)
            {
                throw new FormatException($"\"id\" (the idempotency key) is required, 1 to {MaxIdLength} characters.");
            }

            var type = Text(root, "type");
            var request = type switch
            {
                "turn.start" => StartTurnAsync(root, id, cancellationToken),
                "turn.cancel" => CancelTurnAsync(root, id, cancellationToken),
                "approval.answer" => AnswerAsync(root, id, cancellationToken),
                "session.subscribe" => SubscribeAsync(root, id, cancellationToken),
                _ => throw new FormatException($"Unknown request type '{type}'; use turn.start, turn.cancel, approval.answer or session.subscribe."),
            };
            await request.ConfigureAwait(false);
        }
        catch (JsonException)
        {
            connection.TryPost(WsFrames.Error(id, "bad_request", "A request must be a JSON object."));
        }
        catch (FormatException ex)
        {
            connection.TryPost(WsFrames.Error(id, "bad_request", ex.Message));
        }
    }

    public void Dispose()
    {
        foreach (var key in _subscribed)
        {
            services.Broadcaster.Unsubscribe(key, connection);
        }
    }

    private async Task StartTurnAsync(JsonElement root, string id, CancellationToken cancellationToken)
    {
        var key = SessionKey(root, turn: true);
        var message = Text(root, "message") ?? throw new FormatException("turn.start needs \"message\", the user's text.");
        var model = Text(root, "agent") ?? OpenAiEndpoints.DefaultModel;
        var agent = OpenAiEndpoints.AgentOf(model) ?? throw new FormatException($"Unknown agent '{model}'; \"{OpenAiEndpoints.DefaultModel}\" is the default one.");
        var runId = OrleansConversationDispatcher.NewRunId();
        var seen = await services.Store.RecordRequestAsync(scope, id, "turn.start", key, runId, cancellationToken).ConfigureAwait(false);
        Subscribe(seen?.SessionKey ?? key);
        if (seen is not null)
        {
            connection.TryPost(WsFrames.Ack(id, duplicate: true, seen.SessionKey, seen.RunId));
            return;
        }

        connection.TryPost(WsFrames.Ack(id, duplicate: false, key, runId));
        services.Turns.Start(new ConversationMessage { SessionKey = key, Text = message, Agent = agent, Source = "web", MessageId = id }, runId);
    }

    private async Task CancelTurnAsync(JsonElement root, string id, CancellationToken cancellationToken)
    {
        var key = SessionKey(root, turn: false);
        if (await services.Store.RecordRequestAsync(scope, id, "turn.cancel", key, null, cancellationToken).ConfigureAwait(false) is { } seen)
        {
            connection.TryPost(WsFrames.Ack(id, duplicate: true, seen.SessionKey, seen.RunId));
            return;
        }

        if (!await services.Dispatcher.StopAsync(key, cancellationToken).ConfigureAwait(false))
        {
            connection.TryPost(WsFrames.Error(id, "not_found", $"Nothing is running in session '{key}'."));
            return;
        }

        connection.TryPost(WsFrames.Ack(id, duplicate: false, key, null));
    }

    private async Task AnswerAsync(JsonElement root, string id, CancellationToken cancellationToken)
    {
        var approval = Text(root, "approval") ?? throw new FormatException("approval.answer needs \"approval\", the id from approval_requested.");
        if (!root.TryGetProperty("allow", out var allow) || allow.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new FormatException("approval.answer needs \"allow\": true or false.");
        }

        if (await services.Store.RecordRequestAsync(scope, id, "approval.answer", null, null, cancellationToken).ConfigureAwait(false) is { } seen)
        {
            connection.TryPost(WsFrames.Ack(id, duplicate: true, seen.SessionKey, seen.RunId));
            return;
        }

        if (!services.Approvals.Answer(approval, allow.GetBoolean()))
        {
            connection.TryPost(WsFrames.Error(id, "not_found", $"No question '{approval}' is waiting (answered already, or it timed out)."));
            return;
        }

        connection.TryPost(WsFrames.Ack(id, duplicate: false, null, null));
    }

    private async Task SubscribeAsync(JsonElement root, string id, CancellationToken cancellationToken)
    {
        var key = SessionKey(root, turn: false);
        var seen = await services.Store.RecordRequestAsync(scope, id, "session.subscribe", key, null, cancellationToken).ConfigureAwait(false);
        Subscribe(key);
        connection.TryPost(WsFrames.Ack(id, duplicate: seen is not null, key, null));
    }

    private void Subscribe(string key)
    {
        if (_subscribed.Add(key))
        {
            services.Broadcaster.Subscribe(key, connection);
        }
    }

    private static string SessionKey(JsonElement root, bool turn)
    {
        var key = Text(root, "session");
        if (key is null || !OrleansConversationDispatcher.IsValidKey(key))
        {
            throw new FormatException($"\"session\" must be a session key of 1 to {OrleansConversationDispatcher.MaxSessionKeyLength} printable characters, e.g. \"web:main\".");
        }

        // Chat channels own their sessions' turns; /ws starts turns only in API and web sessions (it may watch any).
        if (turn && !key.StartsWith("api:", StringComparison.Ordinal) && !key.StartsWith("web:", StringComparison.Ordinal))
        {
            throw new FormatException($"turn.start runs in \"api:<name>\" or \"web:<name>\" sessions, not '{key}'.");
        }

        return key;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
