namespace Chitin.Core.Agents;

/// <summary>
/// What happens to the tool calls of one model turn: hooks before, approval, invocation (concurrency-safe neighbours
/// in parallel), redaction, offloading long output to files, capping, recording and hooks after. Every call gets a
/// result, so the session replays cleanly on resume.
/// </summary>
internal sealed class ToolCallPipeline
{
    private readonly ActiveTools _active;
    private readonly IToolApprover _approver;
    private readonly AgentRunnerOptions _options;
    private readonly AgentLimits _limits;
    private readonly TimeProvider _time;
    private readonly TextOffloader _offloader;
    private readonly Func<SessionMessage, Task> _append;
    private readonly Action<AgentEvent> _emit;
    private readonly Func<HookRequest, CancellationToken, ValueTask<HookOutcome>> _runHook;
    private readonly string _sessionId;
    private readonly ToolContext _context;
    private int _finished;

    public ToolCallPipeline(
        ActiveTools tools,
        IToolApprover approver,
        AgentRunnerOptions options,
        AgentLimits limits,
        TimeProvider time,
        TextOffloader offloader,
        ToolContext context,
        Func<SessionMessage, Task> append,
        Action<AgentEvent> emit,
        Func<HookRequest, CancellationToken, ValueTask<HookOutcome>> runHook)
    {
        _active = tools;
        _approver = approver;
        _options = options;
        _limits = limits;
        _time = time;
        _offloader = offloader;
        _context = context;
        _sessionId = context.SessionId;
        _append = append;
        _emit = emit;
        _runHook = runHook;
    }

    /// <summary>Calls that got a result (ran, failed or were refused).</summary>
    public int Finished => Volatile.Read(ref _finished);

    private DateTimeOffset Now => _time.GetUtcNow();

    public async Task ExecuteAsync(int step, List<FunctionCallContent> calls, CancellationToken ct)
    {
        foreach (var call in calls)
        {
            _emit(new ToolRequested
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

            using var gate = new SemaphoreSlim(Math.Max(1, _limits.MaxParallelTools));
            await Task.WhenAll(group.Select(c => InvokeToolAsync(step, c, gate, ct))).ConfigureAwait(false);
        }

        ct.ThrowIfCancellationRequested();
    }

    private async Task<ApprovedCall?> ApproveAsync(int step, FunctionCallContent call, CancellationToken ct)
    {
        if (_active.Resolve(call.Name, out var unavailable) is not { } tool)
        {
            await FinishToolAsync(step, call, ToolResult.Error(unavailable!), 0, refused: true).ConfigureAwait(false);
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
        var hook = await _runHook(
            new HookRequest { Event = HookEvent.BeforeTool, SessionId = _sessionId, ToolName = tool.Name, CallId = call.CallId, Arguments = arguments },
            ct).ConfigureAwait(false);
        if (hook.Verdict == HookVerdict.Deny)
        {
            await FinishToolAsync(step, call, ToolResult.Error($"Blocked by a before_tool hook: {hook.Reason ?? "no reason given"}"), 0, refused: true).ConfigureAwait(false);
            return null;
        }

        var rewritten = false;
        if (hook.RewrittenArguments is { ValueKind: JsonValueKind.Object } replacement)
        {
            arguments = replacement;
            rewritten = true;
        }

        ToolApproval approval;
        try
        {
            var approvalRequest = new ToolApprovalRequest(tool, call.CallId, arguments, _context) { PreApproved = hook.Verdict == HookVerdict.Allow, Tools = _active.Registry };
            approval = await _approver.ApproveAsync(approvalRequest, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            approval = ToolApproval.Deny("Cancelled by the user before this call was approved.");
        }

        if (!approval.Allowed)
        {
            await FinishToolAsync(step, call, ToolResult.Error($"Permission denied: {approval.Reason}"), 0, refused: true, RanArguments(rewritten, arguments)).ConfigureAwait(false);
            return null;
        }

        return new ApprovedCall(call, tool, arguments, RanArguments(rewritten, arguments));
    }

    private async Task InvokeToolAsync(int step, ApprovedCall approved, SemaphoreSlim gate, CancellationToken ct)
    {
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        var start = _time.GetTimestamp();
        var activity = AgentTelemetry.StartTool(approved.Tool.Name, approved.Call.CallId);
        ToolResult result;
        try
        {
            result = await approved.Tool.InvokeAsync(new ToolInvocation(approved.Call.CallId, approved.Tool.Name, approved.Arguments, _context), ct).ConfigureAwait(false);
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

        var durationMs = _time.GetElapsedTime(start).TotalMilliseconds;
        AgentTelemetry.EndTool(activity, approved.Tool.Name, result.IsError, durationMs);
        var redacted = await FinishToolAsync(step, approved.Call, result, durationMs, refused: false, approved.RanArgumentsJson).ConfigureAwait(false);
        await _runHook(
            new HookRequest { Event = HookEvent.AfterTool, SessionId = _sessionId, ToolName = approved.Tool.Name, CallId = approved.Call.CallId, Arguments = approved.Arguments, ResultText = redacted, IsError = result.IsError },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stores and reports a call's result; returns the full redacted text (before offloading and capping).</summary>
    private async Task<string> FinishToolAsync(int step, FunctionCallContent call, ToolResult result, double durationMs, bool refused, string? ranArgumentsJson = null)
    {
        var redacted = _options.Redactor.Redact(result.Text ?? "");
        var text = redacted;
        if (!refused && _context is { } context)
        {
            var offloaded = await _offloader.OffloadAsync(text, context.ArtifactsDirectory, $"{step:D3}-{call.Name}-{call.CallId}", $"Output of {call.Name} was long", CancellationToken.None).ConfigureAwait(false);
            text = offloaded.ContextText;
        }

        text = Cap(text, _options.MaxToolResultChars);
        await _append(new SessionMessage
        {
            Role = MessageRole.Tool,
            ToolCallId = call.CallId,
            ToolName = call.Name,
            Text = text,
            RanArgumentsJson = ranArgumentsJson is null ? null : _options.Redactor.Redact(ranArgumentsJson),
            IsError = result.IsError,
            Step = step,
            CreatedAt = Now,
        }).ConfigureAwait(false);
        Interlocked.Increment(ref _finished);
        _emit(new ToolFinished
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

    /// <summary>The arguments to record next to the model's, when a hook rewrote them.</summary>
    private static string? RanArguments(bool rewritten, JsonElement arguments) => rewritten ? arguments.GetRawText() : null;

    private sealed record ApprovedCall(FunctionCallContent Call, ITool Tool, JsonElement Arguments, string? RanArgumentsJson);
}
