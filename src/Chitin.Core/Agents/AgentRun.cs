namespace Chitin.Core.Agents;

/// <summary>The state of one run of <see cref="AgentRunner"/>. Not reusable.</summary>
internal sealed class AgentRun
{
    private readonly IChatClient _chat;
    private readonly IChatClient _model;
    private ModelAttempt _attempt = new(0);
    private int _callStep;
    private readonly ToolRegistry _tools;
    private readonly ActiveTools _active;
    private readonly ISessionStore _sessions;
    private readonly IUsageStore _usage;
    private readonly IToolApprover _approver;
    private readonly AgentRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly AgentRunRequest _request;
    private readonly ChannelWriter<AgentEvent> _events;
    private readonly List<SessionMessage> _transcript = [];
    private readonly LoopGuard _guard;
    private readonly TextOffloader _offloader;
    private readonly ContextCompactor _compactor;
    private List<ChatMessage> _history = [];
    private SessionMessage? _marker;
    private string _systemPrompt = "";
    private double _calibration = 1.0;
    private int _lastEstimate;
    private readonly SemaphoreSlim _persistLock = new(1, 1);
    private readonly ChatOptions _chatOptions;
    private readonly long _started;
    private RunTotals _totals = new();
    private string _sessionId = "";
    private ToolContext? _toolContext;
    private int _steps;
    private ToolCallPipeline? _pipeline;
    private string _finalText = "";
    private readonly TurnRecorder _turn;

    /// <summary>A run with <paramref name="runner"/>'s client, tools, stores, approver, options and clock.</summary>
    public AgentRun(AgentRunner runner, AgentRunRequest request, ChannelWriter<AgentEvent> events)
    {
        _chat = runner.Chat;
        _tools = runner.Tools;
        _sessions = runner.Sessions;
        _usage = runner.Usage;
        _approver = runner.Approver;
        _options = runner.Options;
        _time = runner.Time;
        _request = request;
        _events = events;

        // Retry outside, timeout inside: each attempt gets the whole call timeout.
        _model = new ChatClientBuilder(_chat)
            .Use(inner => new StreamRetryChatClient(inner, request.Limits.MaxStreamRetries, _time, OnRetrying))
            .Use(inner => new CallTimeoutChatClient(inner, request.Limits.ModelCallTimeout))
            .Build();
        _active = new ActiveTools(_tools);
        _started = _time.GetTimestamp();
        _offloader = new TextOffloader(_options.TokenCounter, _options.Context);
        _compactor = new ContextCompactor(_chat, _options.Context, new MessageTokenCache(_options.TokenCounter).TokensOf);
        _guard = new LoopGuard(request.Limits.LoopGuard, request.Progress);
        _turn = new TurnRecorder(_options.Checkpoints, _tools, m => Emit(TurnRecorder.Event(_sessionId, Now, m)));
        _chatOptions = new ChatOptions
        {
            ModelId = request.Model,
            ToolMode = _tools.Tools.Count == 0 ? null : ChatToolMode.Auto,
            AllowMultipleToolCalls = true,
        };
    }

    /// <summary>The run's result once <see cref="ExecuteAsync"/> has finished.</summary>
    public AgentRunResult? Result { get; private set; }

    private AgentLimits Limits => _request.Limits;

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var wallClock = Limits.MaxWallClock > TimeSpan.Zero
            ? new CancellationTokenSource(Limits.MaxWallClock, _time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wallClock.Token);
        AgentRunResult result;
        try
        {
            result = await RunCoreAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = Finish(RunStatus.Cancelled, "Cancelled by the user. The session is saved; resume it to continue.");
        }
        catch (OperationCanceledException) when (wallClock.IsCancellationRequested)
        {
            result = Finish(RunStatus.LimitReached, $"Wall-clock limit of {Limits.MaxWallClock} reached.");
        }
        catch (BudgetExceededException ex)
        {
            Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "budget", Message = ex.Message });
            result = Finish(RunStatus.BudgetExceeded, ex.Message);
        }
        catch (ModelCallException ex)
        {
            Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "provider", Message = ex.Message });
            result = Finish(RunStatus.ProviderError, ex.Message);
        }
#pragma warning disable CA1031 // The run must always end with a result event, whatever failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "internal", Message = ex.Message });
            result = Finish(RunStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }

        Result = result;
        // Early completion: the reply ends here; the checkpoint's closing scan and the session status follow it.
        if (_request.CompleteBeforeStopHooks) Emit(new RunCompleted { SessionId = _sessionId, At = Now, Result = result });

        await _turn.EndAsync().ConfigureAwait(false);
        await RunStatusMapping.SaveAsync(_sessions, _sessionId, result.Status, m => Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "storage", Message = m })).ConfigureAwait(false);
        KeepTranscript(result.Status);
        if (_sessionId.Length > 0)
        {
            await NotifyStopAsync(result).ConfigureAwait(false);
        }

        if (!_request.CompleteBeforeStopHooks) Emit(new RunCompleted { SessionId = _sessionId, At = Now, Result = result });
        _events.TryComplete();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private async Task<AgentRunResult> RunCoreAsync(CancellationToken ct)
    {
        var resumed = await PrepareSessionAsync(ct).ConfigureAwait(false);
        Emit(new RunStarted { SessionId = _sessionId, At = Now, Model = _request.Model, Resumed = resumed });
        await RunHookAsync(new HookRequest { Event = HookEvent.SessionStart, SessionId = _sessionId }, ct).ConfigureAwait(false);
        var promptCheck = await RunHookAsync(new HookRequest { Event = HookEvent.UserPrompt, SessionId = _sessionId, Prompt = _request.Prompt }, ct).ConfigureAwait(false);
        if (promptCheck.Verdict == HookVerdict.Deny)
        {
            return Finish(RunStatus.Failed, $"A user_prompt hook blocked the prompt: {promptCheck.Reason}");
        }

        await _turn.BeginAsync(_sessionId, _request.Workspace, ct).ConfigureAwait(false);
        var prompt = await _offloader.OffloadAsync(_request.Prompt, _toolContext!.ArtifactsDirectory, $"prompt-{_transcript.Count + 1}", "The user's message was long", ct).ConfigureAwait(false);
        await AppendAsync(SessionMessage.User(prompt.ContextText, Now)).ConfigureAwait(false);

        for (var step = 1; ; step++)
        {
            if (step > Limits.MaxSteps)
            {
                return Finish(RunStatus.LimitReached, $"Step limit of {Limits.MaxSteps} model calls reached before the task was done.");
            }

            foreach (var steer in _request.Steering?.Drain() ?? [])
            {
                await AppendAsync(SessionMessage.User(steer, Now)).ConfigureAwait(false);
            }

            if (_request.ContextRebuild?.TakeDigest(_sessionId) is { Length: > 0 } digest)
            {
                var before = EstimateContextTokens();
                await AppendAsync(ContextRebuildMarker.For(_request.Prompt, digest, _transcript, step, Now)).ConfigureAwait(false);
                Emit(new ContextCompacted { SessionId = _sessionId, At = Now, Step = step, TokensBefore = before, TokensAfter = EstimateContextTokens() });
            }

            await CompactIfNeededAsync(step, ct).ConfigureAwait(false);
            Emit(new TurnStarted { SessionId = _sessionId, At = Now, Step = step });
            var call = await CallModelAsync(step, ct).ConfigureAwait(false);
            Calibrate(call);
            _steps = step;

            var functionCalls = call.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            var text = call.Response.Text;
            await AppendAsync(new SessionMessage
            {
                Role = MessageRole.Assistant,
                Text = text,
                ToolCalls = functionCalls.Count == 0 ? null : functionCalls.Select(TranscriptMapper.ToRecord).ToList(),
                Step = step,
                CreatedAt = Now,
            }).ConfigureAwait(false);
            await RecordUsageAsync(step, call).ConfigureAwait(false);

            if (functionCalls.Count == 0 && _request.Steering?.TryClose() != false)
            {
                _finalText = text;
                return Finish(RunStatus.Done, null);
            }

            await _pipeline!.ExecuteAsync(step, functionCalls, ct).ConfigureAwait(false);
            var verdict = _guard.Observe(ObservedCalls.Of(functionCalls.Select(TranscriptMapper.ToRecord), _transcript, step));
            if (verdict.Stop is { } loop)
            {
                Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "loop_detected", Message = loop });
                return Finish(RunStatus.LoopDetected, loop);
            }

            if (verdict.Nudge is { } nudge)
            {
                Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "loop_guard", Message = nudge });
                await AppendAsync(SessionMessage.User(nudge, Now)).ConfigureAwait(false);
            }

            if (Limits.MaxTokens > 0 && _totals.TotalTokens >= Limits.MaxTokens)
            {
                return Finish(RunStatus.LimitReached, $"Token limit of {Limits.MaxTokens} reached ({_totals.TotalTokens} used).");
            }
        }
    }

    private async Task<bool> PrepareSessionAsync(CancellationToken ct)
    {
        var assembler = new PromptAssembler(_options.SystemPrompt, _options.PromptLayers);
        // Built once, at the session's start, and stored with it: every later turn reuses the same bytes.
        var layerContext = new PromptLayerContext(_request.Agent, _request.Workspace) { FirstMessage = _request.Prompt };
        var resumed = false;
        if (_request.SessionId is { } existingId)
        {
            if (_request.Transcript?.TryGet(existingId, out var prompt, out var held, out var last) == true)
            {
                (_sessionId, _systemPrompt, _turn.LastSequence) = (existingId, prompt, last);
                _transcript.AddRange(held);
            }
            else
            {
                var existing = await _sessions.GetSessionAsync(existingId, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Session '{existingId}' does not exist. List sessions with 'chitin sessions list'.");
                _sessionId = existing.Id;
                _systemPrompt = existing.SystemPrompt ?? await assembler.BuildAsync(layerContext, ct).ConfigureAwait(false);
                var loaded = await _sessions.LoadMessagesAsync(existingId, ct).ConfigureAwait(false);
                _turn.LastSequence = loaded.Count == 0 ? 0 : loaded[^1].Sequence;
                _transcript.AddRange(loaded.Where(m => !m.Rewound));
            }

            _marker = ContextMessages.LatestMarker(_transcript);
            _history = ContextMessages.Build(_systemPrompt, _transcript);
            _active.Reset(LoadedTools.From(_transcript, _marker));
            await CloseDanglingToolCallsAsync(_transcript.ToList()).ConfigureAwait(false);
            resumed = true;
        }
        else
        {
            var now = Now;
            _systemPrompt = await assembler.BuildAsync(layerContext, ct).ConfigureAwait(false);
            var created = await _sessions.CreateSessionAsync(
                new SessionInfo
                {
                    Id = SessionIds.New(now),
                    Title = SessionOpening.TitleFrom(_request.Prompt),
                    Agent = _request.Agent,
                    Model = _request.Model,
                    Workspace = _request.Workspace,
                    Status = SessionStatus.Running,
                    CreatedAt = now,
                    UpdatedAt = now,
                    SystemPrompt = _systemPrompt,
                },
                ct).ConfigureAwait(false);
            _sessionId = created.Id;
            _history = ContextMessages.Build(_systemPrompt, _transcript);
        }

        await _sessions.UpdateSessionAsync(_sessionId, SessionStatus.Running, _request.Model, ct).ConfigureAwait(false);
        var artifacts = Path.Combine(_options.ArtifactsRoot, _sessionId);
        _toolContext = new ToolContext(_request.Workspace, _sessionId, artifacts) { Agent = _request.Agent, AllowedDirectories = [artifacts] };
        _chatOptions.AdditionalProperties = RunProperties.Create(_sessionId, _request.Agent);
        _pipeline = new ToolCallPipeline(_active, _approver, _options, Limits, _time, _offloader, _toolContext, AppendAsync, Emit, RunHookAsync);
        return resumed;
    }

    /// <summary>A process killed between a tool call and its result leaves calls unanswered; providers reject that.</summary>
    private async Task CloseDanglingToolCallsAsync(IReadOnlyList<SessionMessage> messages)
    {
        foreach (var answer in SessionOpening.Answers(messages, Now))
        {
            await AppendAsync(answer).ConfigureAwait(false);
        }
    }

    private async Task<ModelCall> CallModelAsync(int step, CancellationToken ct)
    {
        _attempt = new ModelAttempt(_time.GetTimestamp());
        _callStep = step;
        // Always-loaded tools first, loaded ones appended: the prefix before the load point stays byte-identical.
        _chatOptions.Tools = _active.Count == 0 ? null : _active.Declarations;
        await foreach (var update in _model.GetStreamingResponseAsync(_history, _chatOptions, ct).ConfigureAwait(false))
        {
            var attempt = _attempt;
            if (attempt.FirstTokenMs is null && update.Contents.Any(c => c is TextContent or FunctionCallContent or TextReasoningContent))
            {
                attempt.FirstTokenMs = _time.GetElapsedTime(attempt.Start).TotalMilliseconds;
            }

            attempt.Updates.Add(update);
            var delta = update.Text;
            if (delta.Length > 0)
            {
                Emit(new TextDelta { SessionId = _sessionId, At = Now, Step = step, Text = delta });
            }
        }

        return new ModelCall(_attempt.Updates.ToChatResponse(), _attempt.FirstTokenMs, _time.GetElapsedTime(_attempt.Start).TotalMilliseconds);
    }

    /// <summary>The retry middleware started the stream again: drop the failed attempt's updates and tell the user.</summary>
    private void OnRetrying(int attempt, string reason, TimeSpan delay)
    {
        // The next attempt starts after the wait.
        _attempt = new ModelAttempt(_time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency));
        Emit(new ResponseRetrying { SessionId = _sessionId, At = Now, Step = _callStep, Attempt = attempt, Reason = reason, DelayMs = delay.TotalMilliseconds });
    }

    private async Task RecordUsageAsync(int step, ModelCall call)
    {
        var record = UsageRecords.From(
            call.Response,
            new UsageCall(_sessionId, _request.Agent, _options.ProviderName, _request.Model, step, call.LatencyMs, Now) { TimeToFirstTokenMs = call.FirstTokenMs },
            _options.Prices);
        await _usage.RecordUsageAsync(record, CancellationToken.None).ConfigureAwait(false);
        _totals = _totals.Add(record);
        Emit(new UsageReported { SessionId = _sessionId, At = Now, Usage = record, Totals = _totals });
    }

    private ValueTask<HookOutcome> RunHookAsync(HookRequest request, CancellationToken ct) =>
        _options.Hooks.RunAsync(request with { Agent = _request.Agent, Workspace = _request.Workspace }, ct);

    private Task NotifyStopAsync(AgentRunResult result) => StopNotifier.NotifyAsync(
        _options,
        _request,
        new RunStopped { Result = result, Transcript = _transcript.ToList(), Model = _request.Model, Agent = _request.Agent, Workspace = _request.Workspace },
        message => Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "hook", Message = message }));

    /// <summary>Persists a message and appends it to the in-memory history in the same order, so a resumed session replays byte-identically.</summary>
    private async Task AppendAsync(SessionMessage message)
    {
        await _persistLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var stored = await _sessions.AppendMessageAsync(_sessionId, message, CancellationToken.None).ConfigureAwait(false);
            _transcript.Add(stored);
            _turn.LastSequence = Math.Max(_turn.LastSequence, stored.Sequence);
            if (stored.Kind == MessageKind.Compaction)
            {
                _marker = stored;
                _history = ContextMessages.Build(_systemPrompt, _transcript);
                _active.Reset(LoadedTools.From(_transcript, _marker));
            }
            else
            {
                _history.Add(ContextMessages.ToChatMessage(stored, _marker));
                _active.Load(LoadedTools.Parse(stored));
            }
        }
        finally
        {
            _persistLock.Release();
        }
    }

    /// <summary>Compacts before a call that would send more than the configured share of the model's window.</summary>
    private async Task CompactIfNeededAsync(int step, CancellationToken ct)
    {
        var options = _options.Context;
        if (!options.AutoCompact)
        {
            return;
        }

        var threshold = options.ContextWindowTokens * options.CompactAtShare;
        // UTF-8 bytes bound the token count from above (byte-level BPE), so small contexts never load the tokenizer.
        if (ActiveBytes() <= threshold)
        {
            return;
        }

        var estimate = EstimateContextTokens();
        if (estimate <= threshold)
        {
            return;
        }

        await RunHookAsync(new HookRequest { Event = HookEvent.BeforeCompact, SessionId = _sessionId }, ct).ConfigureAwait(false);
        var start = _time.GetTimestamp();
        var outcome = await _compactor.CompactAsync(_transcript, FixedTokens(), _request.Model, step, ct).ConfigureAwait(false);
        if (outcome.Marker is null)
        {
            Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "compaction", Message = outcome.Error ?? "Compaction found nothing to do." });
            return;
        }

        if (outcome.SummaryResponse is { } response)
        {
            await RecordUsageAsync(step, new ModelCall(response, null, _time.GetElapsedTime(start).TotalMilliseconds)).ConfigureAwait(false);
        }

        await AppendAsync(outcome.Marker with { CreatedAt = Now }).ConfigureAwait(false);
        Emit(new ContextCompacted
        {
            SessionId = _sessionId,
            At = Now,
            Step = step,
            TokensBefore = outcome.TokensBefore,
            TokensAfter = outcome.TokensAfter,
            Summarized = outcome.SummaryResponse is not null,
            Error = outcome.Error,
        });
        if (outcome.Error is not null)
        {
            Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "compaction", Message = outcome.Error });
        }
    }

    private long ActiveBytes()
    {
        long bytes = Encoding.UTF8.GetByteCount(_systemPrompt) + (_active.Count * 400L);
        foreach (var m in ActiveMessages())
        {
            bytes += Encoding.UTF8.GetByteCount(m.Text ?? "") + (m.ToolCalls?.Sum(c => c.ArgumentsJson.Length + c.Name.Length) ?? 0);
        }

        return bytes + (_marker?.Text?.Length ?? 0);
    }

    private IEnumerable<SessionMessage> ActiveMessages() => ContextBudget.ActiveMessages(_transcript, _marker);

    /// <summary>Tokens the next call will send, by the local tokenizer, scaled by how far the provider's counts differed before.</summary>
    private int EstimateContextTokens()
    {
        _lastEstimate = _compactor.Estimate(_transcript, FixedTokens());
        return (int)(_lastEstimate * _calibration);
    }

    private void Calibrate(ModelCall call)
    {
        if (_lastEstimate > 0 && call.Response.Usage?.InputTokenCount is > 0 and var reported)
        {
            // Only ever scale up: when the provider counts more than the local tokenizer, compact earlier; never later.
            _calibration = Math.Clamp((double)reported / _lastEstimate, 1.0, 2.0);
        }

        _lastEstimate = 0;
    }

    private int FixedTokens() => _active.FixedTokens(_options.TokenCounter, _systemPrompt);

    /// <summary>Leaves the caller's cache holding what the store now holds; after a failure the next run reloads instead.</summary>
    private void KeepTranscript(RunStatus status)
    {
        if (_request.Transcript is not { } cache)
        {
            return;
        }

        if (_sessionId.Length == 0 || status is RunStatus.Failed)
        {
            cache.Invalidate();
            return;
        }

        cache.Store(_sessionId, _systemPrompt, _transcript, _turn.LastSequence);
    }

    private AgentRunResult Finish(RunStatus status, string? error) => new()
    {
        SessionId = _sessionId,
        Status = status,
        FinalText = _finalText,
        Steps = _steps,
        ToolCalls = _pipeline?.Finished ?? 0,
        Usage = _totals,
        Error = error,
        DurationMs = _time.GetElapsedTime(_started).TotalMilliseconds,
    };

    private void Emit(AgentEvent e) => _events.TryWrite(e);
}
