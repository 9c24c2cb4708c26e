using System.Text.Json;
using System.Threading.Channels;
using System.Text;
using Chitin.Core.Context;
using Chitin.Core.Events;
using Chitin.Core.Hooks;
using Chitin.Core.Metering;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Agents;

/// <summary>The state of one run of <see cref="AgentRunner"/>. Not reusable.</summary>
internal sealed class AgentRun
{
    private readonly IChatClient _chat;
    private readonly ToolRegistry _tools;
    private readonly ISessionStore _sessions;
    private readonly IUsageStore _usage;
    private readonly IToolApprover _approver;
    private readonly AgentRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly AgentRunRequest _request;
    private readonly ChannelWriter<AgentEvent> _events;
    private readonly List<SessionMessage> _transcript = [];
    private readonly Dictionary<long, int> _tokenCache = [];
    private readonly TextOffloader _offloader;
    private readonly ContextCompactor _compactor;
    private List<ChatMessage> _history = [];
    private SessionMessage? _marker;
    private string _systemPrompt = "";
    private int? _fixedTokens;
    private double _calibration = 1.0;
    private int _lastEstimate;
    private readonly SemaphoreSlim _persistLock = new(1, 1);
    private readonly ChatOptions _chatOptions;
    private readonly long _started;
    private RunTotals _totals = new();
    private string _sessionId = "";
    private ToolContext? _toolContext;
    private int _steps;
    private int _toolCalls;
    private string _finalText = "";

    public AgentRun(
        IChatClient chat,
        ToolRegistry tools,
        ISessionStore sessions,
        IUsageStore usage,
        IToolApprover approver,
        AgentRunnerOptions options,
        TimeProvider time,
        AgentRunRequest request,
        ChannelWriter<AgentEvent> events)
    {
        _chat = chat;
        _tools = tools;
        _sessions = sessions;
        _usage = usage;
        _approver = approver;
        _options = options;
        _time = time;
        _request = request;
        _events = events;
        _started = time.GetTimestamp();
        _offloader = new TextOffloader(options.TokenCounter, options.Context);
        _compactor = new ContextCompactor(chat, options.Context, TokensOf);
        _chatOptions = new ChatOptions
        {
            ModelId = request.Model,
            Tools = tools.Tools.Count == 0 ? null : tools.Declarations,
            ToolMode = tools.Tools.Count == 0 ? null : ChatToolMode.Auto,
            AllowMultipleToolCalls = true,
        };
    }

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

        await SaveStatusAsync(result.Status).ConfigureAwait(false);
        if (_sessionId.Length > 0)
        {
            await NotifyStopAsync(result).ConfigureAwait(false);
        }

        Emit(new RunCompleted { SessionId = _sessionId, At = Now, Result = result });
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

        var prompt = await _offloader.OffloadAsync(_request.Prompt, _toolContext!.ArtifactsDirectory, $"prompt-{_transcript.Count + 1}", "The user's message was long", ct).ConfigureAwait(false);
        await AppendAsync(SessionMessage.User(prompt.ContextText, Now)).ConfigureAwait(false);

        for (var step = 1; ; step++)
        {
            if (step > Limits.MaxSteps)
            {
                return Finish(RunStatus.LimitReached, $"Step limit of {Limits.MaxSteps} model calls reached before the task was done.");
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
                ToolCalls = functionCalls.Count == 0 ? null : functionCalls.Select(ToRecord).ToList(),
                Step = step,
                CreatedAt = Now,
            }).ConfigureAwait(false);
            await RecordUsageAsync(step, call).ConfigureAwait(false);

            if (functionCalls.Count == 0)
            {
                _finalText = text;
                return Finish(RunStatus.Done, null);
            }

            await ExecuteToolsAsync(step, functionCalls, ct).ConfigureAwait(false);

            if (Limits.MaxTokens > 0 && _totals.TotalTokens >= Limits.MaxTokens)
            {
                return Finish(RunStatus.LimitReached, $"Token limit of {Limits.MaxTokens} reached ({_totals.TotalTokens} used).");
            }
        }
    }

    private async Task<bool> PrepareSessionAsync(CancellationToken ct)
    {
        var assembler = new PromptAssembler(_options.SystemPrompt, _options.PromptLayers);
        var layerContext = new PromptLayerContext(_request.Agent, _request.Workspace);
        var resumed = false;
        if (_request.SessionId is { } existingId)
        {
            var existing = await _sessions.GetSessionAsync(existingId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Session '{existingId}' does not exist. List sessions with 'chitin sessions list'.");
            _sessionId = existing.Id;
            _systemPrompt = existing.SystemPrompt ?? await assembler.BuildAsync(layerContext, ct).ConfigureAwait(false);
            _transcript.AddRange(await _sessions.LoadMessagesAsync(existingId, ct).ConfigureAwait(false));
            _marker = ContextMessages.LatestMarker(_transcript);
            _history = ContextMessages.Build(_systemPrompt, _transcript);
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
                    Title = TitleFrom(_request.Prompt),
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
        return resumed;
    }

    /// <summary>A process killed between a tool call and its result leaves calls unanswered; providers reject that.</summary>
    private async Task CloseDanglingToolCallsAsync(IReadOnlyList<SessionMessage> messages)
    {
        var answered = messages.Where(m => m.Role == MessageRole.Tool && m.ToolCallId is not null).Select(m => m.ToolCallId!).ToHashSet(StringComparer.Ordinal);
        var dangling = messages
            .Where(m => m.Role == MessageRole.Assistant && m.ToolCalls is not null)
            .SelectMany(m => m.ToolCalls!.Select(c => (Call: c, m.Step)))
            .Where(x => !answered.Contains(x.Call.Id))
            .ToList();
        foreach (var (call, step) in dangling)
        {
            await AppendAsync(new SessionMessage
            {
                Role = MessageRole.Tool,
                ToolCallId = call.Id,
                ToolName = call.Name,
                Text = "Interrupted: the previous run stopped before this call finished. Its effect is unknown; check before repeating it.",
                IsError = true,
                Step = step,
                CreatedAt = Now,
            }).ConfigureAwait(false);
        }
    }

    private async Task<ModelCall> CallModelAsync(int step, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var callCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (Limits.ModelCallTimeout > TimeSpan.Zero)
            {
                callCts.CancelAfter(Limits.ModelCallTimeout);
            }

            var updates = new List<ChatResponseUpdate>();
            var start = _time.GetTimestamp();
            double? firstTokenMs = null;
            ModelCallException failure;
            try
            {
                await foreach (var update in Cancellable(_chat.GetStreamingResponseAsync(_history, _chatOptions, callCts.Token), callCts.Token).ConfigureAwait(false))
                {
                    if (firstTokenMs is null && update.Contents.Any(c => c is TextContent or FunctionCallContent or TextReasoningContent))
                    {
                        firstTokenMs = _time.GetElapsedTime(start).TotalMilliseconds;
                    }

                    updates.Add(update);
                    var delta = update.Text;
                    if (delta.Length > 0)
                    {
                        Emit(new TextDelta { SessionId = _sessionId, At = Now, Step = step, Text = delta });
                    }
                }

                return new ModelCall(updates.ToChatResponse(), firstTokenMs, _time.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex) when (callCts.IsCancellationRequested)
            {
                failure = new ModelCallException($"The model call timed out after {Limits.ModelCallTimeout.TotalSeconds:0} s.", isTransient: true, innerException: ex);
            }
            catch (ModelCallException ex)
            {
                failure = ex;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or JsonException)
            {
                failure = new ModelCallException($"The model call failed: {ex.Message}", isTransient: true, innerException: ex);
            }

            if (!failure.IsTransient || attempt >= Limits.MaxStreamRetries)
            {
                throw attempt == 0 || !failure.IsTransient
                    ? failure
                    : new ModelCallException($"{failure.Message} (gave up after {attempt + 1} attempts)", false, failure.StatusCode, failure);
            }

            var delay = Backoff(attempt);
            Emit(new ResponseRetrying { SessionId = _sessionId, At = Now, Step = step, Attempt = attempt + 1, Reason = failure.Message, DelayMs = delay.TotalMilliseconds });
            await Task.Delay(delay, _time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends the stream as soon as the token fires, even when a provider's SDK reads its body without observing the
    /// token (a stalled stream would otherwise ignore Ctrl-C and the call timeout). The abandoned read is disposed
    /// in the background when it completes.
    /// </summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> Cancellable(IAsyncEnumerable<ChatResponseUpdate> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var enumerator = source.GetAsyncEnumerator(ct);
        var abandoned = false;
        try
        {
            while (true)
            {
                var next = enumerator.MoveNextAsync();
                bool hasNext;
                if (next.IsCompleted)
                {
                    hasNext = next.Result;
                }
                else
                {
                    var pending = next.AsTask();
                    try
                    {
                        hasNext = await pending.WaitAsync(ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested && !pending.IsCompleted)
                    {
                        abandoned = true;
                        _ = pending.ContinueWith(static (t, e) => { _ = t.Exception; return ((IAsyncEnumerator<ChatResponseUpdate>)e!).DisposeAsync().AsTask(); }, enumerator, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                        throw;
                    }
                }

                if (!hasNext)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            if (!abandoned)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var baseMs = Math.Min(5_000, 200 * Math.Pow(2, attempt));
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(baseMs * jitter);
    }

    private async Task RecordUsageAsync(int step, ModelCall call)
    {
        var record = UsageRecords.From(
            call.Response,
            new UsageCall(_sessionId, _request.Agent, _options.ProviderName, _request.Model, step, call.LatencyMs, Now) { TimeToFirstTokenMs = call.FirstTokenMs },
            _options.Prices);
        await _usage.RecordUsageAsync(record, CancellationToken.None).ConfigureAwait(false);
        _totals = _totals with
        {
            ModelCalls = _totals.ModelCalls + 1,
            InputTokens = _totals.InputTokens + record.InputTokens,
            CachedInputTokens = _totals.CachedInputTokens + record.CachedInputTokens,
            CacheWriteTokens = _totals.CacheWriteTokens + record.CacheWriteTokens,
            OutputTokens = _totals.OutputTokens + record.OutputTokens,
            ReasoningTokens = _totals.ReasoningTokens + record.ReasoningTokens,
            CostUsd = _totals.CostUsd + record.CostUsd,
        };
        Emit(new UsageReported { SessionId = _sessionId, At = Now, Usage = record, Totals = _totals });
    }

    private async Task ExecuteToolsAsync(int step, List<FunctionCallContent> calls, CancellationToken ct)
    {
        foreach (var call in calls)
        {
            Emit(new ToolRequested
            {
                SessionId = _sessionId,
                At = Now,
                Step = step,
                CallId = call.CallId,
                ToolName = call.Name,
                ArgumentsJson = call.Exception is null ? TranscriptMapper.SerializeArguments(call.Arguments) : "null",
            });
        }

        // Approval is sequential (it may ask a person); execution of concurrency-safe neighbours is parallel.
        var runnable = new List<ApprovedCall>(calls.Count);
        foreach (var call in calls)
        {
            var approved = await ApproveAsync(step, call, ct).ConfigureAwait(false);
            if (approved is not null)
            {
                runnable.Add(approved);
            }
        }

        var index = 0;
        while (index < runnable.Count)
        {
            var group = new List<ApprovedCall> { runnable[index++] };
            if (group[0].Tool.Traits.HasFlag(ToolTraits.ConcurrencySafe))
            {
                while (index < runnable.Count && runnable[index].Tool.Traits.HasFlag(ToolTraits.ConcurrencySafe))
                {
                    group.Add(runnable[index++]);
                }
            }

            if (ct.IsCancellationRequested)
            {
                // Every call still gets its result, so the session replays cleanly on resume.
                foreach (var pending in group.Concat(runnable.Skip(index)))
                {
                    await FinishToolAsync(step, pending.Call, ToolResult.Error("Cancelled by the user before this call ran."), 0, refused: true).ConfigureAwait(false);
                }

                break;
            }

            using var gate = new SemaphoreSlim(Math.Max(1, Limits.MaxParallelTools));
            await Task.WhenAll(group.Select(c => InvokeToolAsync(step, c, gate, ct))).ConfigureAwait(false);
        }

        ct.ThrowIfCancellationRequested();
    }

    private async Task<ApprovedCall?> ApproveAsync(int step, FunctionCallContent call, CancellationToken ct)
    {
        if (!_tools.TryGet(call.Name, out var tool))
        {
            var known = string.Join(", ", _tools.Tools.Select(t => t.Name));
            await FinishToolAsync(step, call, ToolResult.Error($"Unknown tool '{call.Name}'. Available tools: {known}."), 0, refused: true).ConfigureAwait(false);
            return null;
        }

        if (call.Exception is not null)
        {
            await FinishToolAsync(
                step,
                call,
                ToolResult.Error($"The arguments for '{call.Name}' were not valid JSON ({call.Exception.Message}). Call it again with one JSON object that matches its schema."),
                0,
                refused: true).ConfigureAwait(false);
            return null;
        }

        var arguments = JsonSerializer.SerializeToElement(
            call.Arguments ?? new Dictionary<string, object?>(),
            AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        var hook = await RunHookAsync(
            new HookRequest { Event = HookEvent.BeforeTool, SessionId = _sessionId, ToolName = tool.Name, CallId = call.CallId, Arguments = arguments },
            ct).ConfigureAwait(false);
        if (hook.Verdict == HookVerdict.Deny)
        {
            await FinishToolAsync(step, call, ToolResult.Error($"Blocked by a before_tool hook: {hook.Reason ?? "no reason given"}"), 0, refused: true).ConfigureAwait(false);
            return null;
        }

        if (hook.RewrittenArguments is { ValueKind: JsonValueKind.Object } rewritten)
        {
            arguments = rewritten;
        }

        ToolApproval approval;
        try
        {
            var approvalRequest = new ToolApprovalRequest(tool, call.CallId, arguments, _toolContext!) { PreApproved = hook.Verdict == HookVerdict.Allow, Tools = _tools };
            approval = await _approver.ApproveAsync(approvalRequest, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            approval = ToolApproval.Deny("Cancelled by the user before this call was approved.");
        }

        if (!approval.Allowed)
        {
            await FinishToolAsync(step, call, ToolResult.Error($"Permission denied: {approval.Reason}"), 0, refused: true).ConfigureAwait(false);
            return null;
        }

        return new ApprovedCall(call, tool, arguments);
    }

    private async Task InvokeToolAsync(int step, ApprovedCall approved, SemaphoreSlim gate, CancellationToken ct)
    {
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        var start = _time.GetTimestamp();
        ToolResult result;
        try
        {
            result = await approved.Tool.InvokeAsync(new ToolInvocation(approved.Call.CallId, approved.Tool.Name, approved.Arguments, _toolContext!), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = ToolResult.Error("Cancelled by the user while this call was running; it may have partly happened.");
        }
#pragma warning disable CA1031 // A tool that throws becomes an error result the model can react to.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = ToolResult.Error($"Tool '{approved.Tool.Name}' failed: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            gate.Release();
        }

        var redacted = await FinishToolAsync(step, approved.Call, result, _time.GetElapsedTime(start).TotalMilliseconds, refused: false).ConfigureAwait(false);
        await RunHookAsync(
            new HookRequest { Event = HookEvent.AfterTool, SessionId = _sessionId, ToolName = approved.Tool.Name, CallId = approved.Call.CallId, Arguments = approved.Arguments, ResultText = redacted, IsError = result.IsError },
            CancellationToken.None).ConfigureAwait(false);
    }

    private ValueTask<HookOutcome> RunHookAsync(HookRequest request, CancellationToken ct) =>
        _options.Hooks.RunAsync(request with { Agent = _request.Agent, Workspace = _request.Workspace }, ct);

    private async Task NotifyStopAsync(AgentRunResult result)
    {
        try
        {
            await RunHookAsync(new HookRequest { Event = HookEvent.Stop, SessionId = _sessionId, ResultText = result.Status.ToString() }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing stop hook must not change the run's result.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "hook", Message = $"stop hook failed: {ex.Message}" });
        }
    }

    /// <summary>Stores and reports a call's result; returns the full redacted text (before offloading and capping).</summary>
    private async Task<string> FinishToolAsync(int step, FunctionCallContent call, ToolResult result, double durationMs, bool refused)
    {
        var redacted = _options.Redactor.Redact(result.Text ?? "");
        var text = redacted;
        if (!refused && _toolContext is { } context)
        {
            var offloaded = await _offloader.OffloadAsync(text, context.ArtifactsDirectory, $"{step:D3}-{call.Name}-{call.CallId}", $"Output of {call.Name} was long", CancellationToken.None).ConfigureAwait(false);
            text = offloaded.ContextText;
        }

        text = Cap(text, _options.MaxToolResultChars);
        await AppendAsync(new SessionMessage
        {
            Role = MessageRole.Tool,
            ToolCallId = call.CallId,
            ToolName = call.Name,
            Text = text,
            IsError = result.IsError,
            Step = step,
            CreatedAt = Now,
        }).ConfigureAwait(false);
        Interlocked.Increment(ref _toolCalls);
        Emit(new ToolFinished
        {
            SessionId = _sessionId,
            At = Now,
            Step = step,
            CallId = call.CallId,
            ToolName = call.Name,
            IsError = result.IsError,
            Refused = refused,
            Preview = text.Length <= 300 ? text : text[..300],
            DurationMs = durationMs,
        });
        return redacted;
    }

    private static string Cap(string text, int max)
    {
        if (max <= 0 || text.Length <= max)
        {
            return text;
        }

        var head = max * 3 / 4;
        var tail = max - head;
        return string.Concat(text.AsSpan(0, head), $"\n[... {text.Length - max} characters omitted ...]\n", text.AsSpan(text.Length - tail));
    }

    /// <summary>Persists a message and appends it to the in-memory history in the same order, so a resumed session replays byte-identically.</summary>
    private async Task AppendAsync(SessionMessage message)
    {
        await _persistLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var stored = await _sessions.AppendMessageAsync(_sessionId, message, CancellationToken.None).ConfigureAwait(false);
            _transcript.Add(stored);
            if (stored.Kind == MessageKind.Compaction)
            {
                _marker = stored;
                _history = ContextMessages.Build(_systemPrompt, _transcript);
            }
            else
            {
                _history.Add(ContextMessages.ToChatMessage(stored, _marker));
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
        long bytes = Encoding.UTF8.GetByteCount(_systemPrompt) + (_tools.Tools.Count * 400L);
        foreach (var m in ActiveMessages())
        {
            bytes += Encoding.UTF8.GetByteCount(m.Text ?? "") + (m.ToolCalls?.Sum(c => c.ArgumentsJson.Length + c.Name.Length) ?? 0);
        }

        return bytes + (_marker?.Text?.Length ?? 0);
    }

    private IEnumerable<SessionMessage> ActiveMessages() =>
        _transcript.Where(m => m.Kind == MessageKind.Message && m.Sequence > (_marker?.CompactsThrough ?? 0));

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

    private int FixedTokens() => _fixedTokens ??= _options.TokenCounter.CountTokens(_systemPrompt)
        + _tools.Tools.Sum(t => _options.TokenCounter.CountTokens(t.Name + t.Description + t.ParametersSchema.GetRawText()) + 8);

    private int TokensOf(SessionMessage m)
    {
        lock (_tokenCache)
        {
            if (m.Sequence > 0 && _tokenCache.TryGetValue(m.Sequence, out var cached))
            {
                return cached;
            }
        }

        var tokens = 4 + _options.TokenCounter.CountTokens(m.Text ?? "")
            + (m.ToolCalls?.Sum(c => _options.TokenCounter.CountTokens(c.Name) + _options.TokenCounter.CountTokens(c.ArgumentsJson) + 4) ?? 0);
        if (m.Sequence > 0)
        {
            lock (_tokenCache)
            {
                _tokenCache[m.Sequence] = tokens;
            }
        }

        return tokens;
    }

    private async Task SaveStatusAsync(RunStatus status)
    {
        if (_sessionId.Length == 0)
        {
            return;
        }

        var sessionStatus = status switch
        {
            RunStatus.Done => SessionStatus.Done,
            RunStatus.Cancelled => SessionStatus.Cancelled,
            RunStatus.LimitReached => SessionStatus.Idle,
            _ => SessionStatus.Failed,
        };
        try
        {
            await _sessions.UpdateSessionAsync(_sessionId, sessionStatus, null, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The status is advisory; failing to save it must not hide the run's result.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Emit(new ErrorOccurred { SessionId = _sessionId, At = Now, Kind = "storage", Message = $"Could not save the session status: {ex.Message}" });
        }
    }

    private AgentRunResult Finish(RunStatus status, string? error) => new()
    {
        SessionId = _sessionId,
        Status = status,
        FinalText = _finalText,
        Steps = _steps,
        ToolCalls = _toolCalls,
        Usage = _totals,
        Error = error,
        DurationMs = _time.GetElapsedTime(_started).TotalMilliseconds,
    };

    private void Emit(AgentEvent e) => _events.TryWrite(e);

    private static ToolCallRecord ToRecord(FunctionCallContent call) =>
        new(call.CallId, call.Name, call.Exception is null ? TranscriptMapper.SerializeArguments(call.Arguments) : "{}");

    private static string TitleFrom(string prompt)
    {
        var firstLine = prompt.AsSpan().Trim();
        var newline = firstLine.IndexOfAny('\r', '\n');
        if (newline >= 0)
        {
            firstLine = firstLine[..newline];
        }

        return firstLine.Length <= 80 ? firstLine.ToString() : string.Concat(firstLine[..79], "…");
    }

    private sealed record ModelCall(ChatResponse Response, double? FirstTokenMs, double LatencyMs);

    private sealed record ApprovedCall(FunctionCallContent Call, ITool Tool, JsonElement Arguments);
}
