namespace Chitin.Memory.Capture;

/// <summary>
/// Automatic capture: reads the session's messages not yet captured, asks the model once (bounded input and output,
/// structured JSON) for the durable facts in them, and saves those through the memory store, which deduplicates and
/// supersedes. The call is metered like any other. An invalid answer writes nothing.
/// </summary>
public sealed class MemoryCapture
{
    private readonly IMemoryStore _store;
    private readonly ISessionStore _sessions;
    private readonly IUsageStore _usage;
    private readonly IChatClient _chat;
    private readonly MemoryCaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly ICaptureMarks _marks;
    private readonly ITokenCounter _counter;

    /// <summary>Captures are rare and short; one at a time keeps two captures of a session from reading the same messages.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    public MemoryCapture(IMemoryStore store, ISessionStore sessions, IUsageStore usage, IChatClient chat, MemoryCaptureOptions options, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _usage = usage ?? throw new ArgumentNullException(nameof(usage));
        _chat = chat ?? throw new ArgumentNullException(nameof(chat));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        _time = time ?? TimeProvider.System;
        _marks = options.Marks ?? new InMemoryCaptureMarks();
        _counter = options.Counter ?? TiktokenCounter.Instance;
    }

    public MemoryCaptureOptions Options => _options;

    /// <summary>
    /// Captures the session's messages after the last capture mark. Model failures and invalid answers come back as a
    /// result with a warning; storage failures and cancellation throw.
    /// </summary>
    public Task<MemoryCaptureResult> CaptureAsync(string sessionId, string agent, string workspace, CancellationToken cancellationToken, int minNewTokens = 0) =>
        CaptureAsync(sessionId, agent, workspace, transcript: null, cancellationToken, minNewTokens);

    /// <summary>
    /// Captures from <paramref name="transcript"/>, the session's messages as the agent loop holds them (a stop hook
    /// passes them so nothing is read back from the store); null reads them from the session store.
    /// </summary>
    public async Task<MemoryCaptureResult> CaptureAsync(string sessionId, string agent, string workspace, IReadOnlyList<SessionMessage>? transcript, CancellationToken cancellationToken, int minNewTokens = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(workspace);
        if (!_options.Enabled)
        {
            return new MemoryCaptureResult { Status = MemoryCaptureStatus.Disabled };
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CaptureLockedAsync(sessionId, agent, workspace, transcript, minNewTokens, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MemoryCaptureResult> CaptureLockedAsync(string sessionId, string agent, string workspace, IReadOnlyList<SessionMessage>? messages, int minNewTokens, CancellationToken ct)
    {
        messages ??= await _sessions.LoadMessagesAsync(sessionId, ct).ConfigureAwait(false);
        if (minNewTokens > 0 && CapturePrompt.SurelyBelow(messages, workspace, minNewTokens))
        {
            // The whole session is too short for a call, so whatever the mark, nothing would be sent: the mark is not read.
            return new MemoryCaptureResult { Status = MemoryCaptureStatus.NothingNew };
        }

        var mark = await _marks.GetCapturedThroughAsync(sessionId, ct).ConfigureAwait(false);
        var fresh = messages
            .Where(m => m.Kind == MessageKind.Message && m.Sequence > mark)
            .ToList();
        if (fresh.Count == 0)
        {
            return new MemoryCaptureResult { Status = MemoryCaptureStatus.NothingNew, CapturedThrough = mark };
        }

        var (transcript, through, hasConversation) = CapturePrompt.Transcript(fresh, workspace, _options.MaxInputTokens, _counter);
        if (!hasConversation)
        {
            // Only tool traffic: nothing a person said, nothing to extract.
            await _marks.SetCapturedThroughAsync(sessionId, through, ct).ConfigureAwait(false);
            return new MemoryCaptureResult { Status = MemoryCaptureStatus.NothingNew, CapturedThrough = through };
        }

        if (minNewTokens > 0 && TokenBounds.Estimate(transcript) < minNewTokens)
        {
            // Too little yet to be worth a model call; the mark stays so a later capture sees it.
            return new MemoryCaptureResult { Status = MemoryCaptureStatus.NothingNew, CapturedThrough = mark };
        }

        var start = _time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await _chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, CapturePrompt.SystemPrompt(_options.MaxFacts)), new ChatMessage(ChatRole.User, transcript)],
                new ChatOptions
                {
                    ModelId = _options.Model,
                    MaxOutputTokens = _options.MaxOutputTokens,
                    Temperature = 0,
                    ResponseFormat = ChatResponseFormat.ForJsonSchema(CapturePrompt.Schema, CapturePrompt.SchemaName, CapturePrompt.SchemaDescription),
                },
                ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            return new MemoryCaptureResult
            {
                Status = MemoryCaptureStatus.ModelFailed,
                CapturedThrough = mark,
                Warning = $"Memory capture for session {sessionId} failed: the model call failed ({ex.Message}). Nothing was stored; it will be retried at the next capture.",
            };
        }

        var usage = await RecordUsageAsync(sessionId, agent, response, _time.GetElapsedTime(start).TotalMilliseconds).ConfigureAwait(false);
        if (!CaptureAnswer.TryParse(response.Text, out var facts, out var problem))
        {
            return new MemoryCaptureResult
            {
                Status = MemoryCaptureStatus.InvalidAnswer,
                CapturedThrough = mark,
                Usage = usage,
                Warning = $"Memory capture for session {sessionId} ignored the model's answer: {problem}. Nothing was stored.",
            };
        }

        string? warning = null;
        if (facts.Count > _options.MaxFacts)
        {
            warning = $"Memory capture for session {sessionId}: the model returned {facts.Count} facts; only the first {_options.MaxFacts} were kept.";
            facts = facts.Take(_options.MaxFacts).ToList();
        }

        var saved = await SaveAsync(facts, new MemoryViewer(agent, workspace, sessionId), sessionId, fresh[0].Sequence, through, ct).ConfigureAwait(false);
        await _marks.SetCapturedThroughAsync(sessionId, through, ct).ConfigureAwait(false);
        return new MemoryCaptureResult
        {
            Status = MemoryCaptureStatus.Captured,
            Extracted = facts.Count,
            Created = saved.Count(s => s.Action == MemorySaveAction.Created),
            Duplicates = saved.Count(s => s.Action == MemorySaveAction.Duplicate),
            Superseded = saved.Count(s => s.Action == MemorySaveAction.Superseded),
            Conflicts = saved.Count(s => s.Action == MemorySaveAction.Conflict),
            ItemIds = saved.Select(s => s.Item.Id).ToList(),
            CapturedThrough = through,
            Usage = usage,
            Warning = warning,
        };
    }

    private async Task<List<MemorySaveResult>> SaveAsync(IReadOnlyList<ExtractedFact> facts, MemoryViewer writer, string sessionId, long first, long through, CancellationToken ct)
    {
        var redactor = _options.Redactor;
        var saved = new List<MemorySaveResult>(facts.Count);
        foreach (var fact in facts)
        {
            var message = fact.Message is { } m && m >= first && m <= through ? m : through;
            var draft = new MemoryDraft
            {
                Text = redactor.Redact(fact.Text),
                Layer = fact.Layer,
                Scope = fact.Scope,
                Subject = fact.Subject is null ? null : redactor.Redact(fact.Subject),
                Tags = fact.Tags.Select(redactor.Redact).ToList(),
                Source = new MemorySource(MemorySourceKind.Message, $"{sessionId}:{message}"),
            };
            saved.Add(await _store.SaveAsync(draft, writer, ct).ConfigureAwait(false));
        }

        return saved;
    }

    /// <summary>The same row the loop writes for its own calls (step 0: capture belongs to no step).</summary>
    private async Task<UsageRecord> RecordUsageAsync(string sessionId, string agent, ChatResponse response, double latencyMs)
    {
        var record = UsageRecords.From(response, new UsageCall(sessionId, agent, _options.ProviderName, _options.Model, 0, latencyMs, _time.GetUtcNow()), _options.Prices);

        // Metering must not be lost to a cancelled run: the tokens were spent.
        await _usage.RecordUsageAsync(record, CancellationToken.None).ConfigureAwait(false);
        return record;
    }
}
