namespace Chitin.Gateway.Features;

/// <summary>
/// The permission engine's "ask" for gateway runs. The question travels with the session: to its chat (when a
/// channel is bound to it) and to every <c>/ws</c> connection subscribed to it, as <c>approval_requested</c>. The
/// first answer wins and everyone sees <c>approval_resolved</c>; no answer within the timeout denies, and a session
/// nobody can be asked in is denied at once.
/// </summary>
internal sealed class ApprovalRelay(SessionBroadcaster broadcaster, TimeSpan timeout, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(bool Allowed, string By)>> _pending = new(StringComparer.Ordinal);
    private ChannelSetApprovals? _channels;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Questions waiting for an answer.</summary>
    public int Waiting => _pending.Count;

    /// <summary>Safety is built before the channels exist; they join here once they do.</summary>
    public void Connect(ChannelApprovals approvals, ChannelToolApprover approver) => _channels = new ChannelSetApprovals(approvals, approver);

    public async ValueTask<PermissionAnswer> PromptAsync(PermissionPrompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var key = broadcaster.KeyOf(prompt.SessionId);
        var web = key is not null && broadcaster.HasSubscribers(key);
        var channels = _channels is { } c && c.Approvals.IsBound(prompt.SessionId) ? c : null;
        if (!web && channels is null)
        {
            return PermissionAnswer.No;
        }

        var id = ChannelToolApprover.NewApprovalId();
        var answer = new TaskCompletionSource<(bool Allowed, string By)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var timer = Task.Delay(Timeout, time, expiry.Token);
            if (key is not null)
            {
                broadcaster.Publish(key, WsFrames.ApprovalRequested(key, id, prompt.ToolName, prompt.Summary, time.GetUtcNow() + Timeout));
            }

            var asked = channels is null ? Task.CompletedTask : AskChannelAsync(channels, id, prompt, answer, expiry.Token);
            if (await Task.WhenAny(answer.Task, timer).ConfigureAwait(false) != answer.Task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                answer.TrySetResult((false, "timeout"));
            }

            var (allowed, by) = await answer.Task.ConfigureAwait(false);
            if (key is not null)
            {
                broadcaster.Publish(key, WsFrames.ApprovalResolved(key, id, allowed, by));
            }

            // Lets the chat note how the question ended before the run goes on.
            channels?.Approvals.Answer(id, allowed);
            await asked.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return allowed ? PermissionAnswer.Yes : PermissionAnswer.No;
        }
        finally
        {
            _pending.TryRemove(id, out _);
            await expiry.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>An answer from the web; false when the question is unknown or already settled.</summary>
    public bool Answer(string approvalId, bool allowed) =>
        _pending.TryGetValue(approvalId, out var answer) && answer.TrySetResult((allowed, "web"));

    private static async Task AskChannelAsync(ChannelSetApprovals channels, string id, PermissionPrompt prompt, TaskCompletionSource<(bool, string)> answer, CancellationToken cancellationToken)
    {
        var allowed = await channels.Approver.AskAsync(prompt.SessionId, $"Allow {prompt.ToolName}: {prompt.Summary}?", id, cancellationToken).ConfigureAwait(false);
        if (allowed is { } value)
        {
            answer.TrySetResult((value, "channel"));
        }
    }

    private sealed record ChannelSetApprovals(ChannelApprovals Approvals, ChannelToolApprover Approver);
}
