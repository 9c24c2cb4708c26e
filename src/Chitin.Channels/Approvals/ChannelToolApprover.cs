namespace Chitin.Channels.Approvals;

/// <summary>
/// Asks the session's conversation whether a tool call may run and denies when nobody answers within
/// <see cref="Timeout"/>. Used as the gateway's "ask" resolution: plug <see cref="ApproveAsync"/> in as the approver of
/// channel sessions (or behind the permission engine's prompt), so policy denials never reach the chat.
/// </summary>
public sealed class ChannelToolApprover : IToolApprover
{
    private readonly ChannelApprovals _approvals;
    private readonly TimeProvider _time;

    public ChannelToolApprover(ChannelApprovals approvals, TimeSpan timeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _approvals = approvals ?? throw new ArgumentNullException(nameof(approvals));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public async ValueTask<ToolApproval> ApproveAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_approvals.Find(request.Context.SessionId) is null)
        {
            return ToolApproval.Deny("No chat is bound to this session to ask, so the call was denied.", "channel");
        }

        var question = $"Allow {request.Tool.Name}? {Summarise(request.Arguments.GetRawText())}";
        var allowed = await AskAsync(request.Context.SessionId, question, cancellationToken).ConfigureAwait(false);
        return allowed switch
        {
            true => ToolApproval.Allow("channel"),
            false => ToolApproval.Deny("The person in the chat denied this call.", "channel"),
            null => ToolApproval.Deny(string.Create(CultureInfo.InvariantCulture, $"No answer in the chat within {Timeout.TotalSeconds:0} s, so the call was denied."), "channel"),
        };
    }

    /// <summary>
    /// The permission engine's prompt (<see cref="PermissionEngineOptions.Prompt"/>): only calls a rule says "ask" about
    /// reach the chat; no answer in time is a No.
    /// </summary>
    public async ValueTask<PermissionAnswer> PromptAsync(PermissionPrompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var allowed = await AskAsync(prompt.SessionId, $"Allow {prompt.ToolName}: {prompt.Summary}?", cancellationToken).ConfigureAwait(false);
        return allowed == true ? PermissionAnswer.Yes : PermissionAnswer.No;
    }

    /// <summary>True or false as answered; null when no conversation is bound to the session or nobody answered in time.</summary>
    public Task<bool?> AskAsync(string sessionId, string question, CancellationToken cancellationToken) =>
        AskAsync(sessionId, question, NewApprovalId(), cancellationToken);

    /// <summary>
    /// As <see cref="AskAsync(string, string, CancellationToken)"/> under a caller-chosen id, so another front end that
    /// asks the same question can settle it here with <see cref="ChannelApprovals.Answer"/> (the first answer wins).
    /// </summary>
    public async Task<bool?> AskAsync(string sessionId, string question, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (_approvals.Find(sessionId) is not { } route)
        {
            return null;
        }

        var answer = _approvals.Wait(id);
        try
        {
            // The clock starts before the question goes out, so the time to answer is never longer than configured.
            using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timeout = Task.Delay(Timeout, _time, expiry.Token);
            await route.Prompter.AskAsync(route.Address, id, question, cancellationToken).ConfigureAwait(false);
            var first = await Task.WhenAny(answer, timeout).ConfigureAwait(false);
            await expiry.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            bool? result = first == answer ? answer.Result : null;
            var outcome = result switch { true => "Allowed.", false => "Denied.", null => "No answer in time: denied." };
            try
            {
                await route.Prompter.ConcludeAsync(route.Address, id, outcome, CancellationToken.None).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // The decision stands; the chat just misses the note about it.
            }

            return result;
        }
        finally
        {
            _approvals.Forget(id);
        }
    }

    public static string NewApprovalId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string Summarise(string arguments) => arguments.Length <= 300 ? arguments : arguments[..300] + "…";
}
