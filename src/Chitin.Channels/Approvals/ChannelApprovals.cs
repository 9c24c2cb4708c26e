namespace Chitin.Channels.Approvals;

/// <summary>
/// Which conversation each running session belongs to, and the approval questions waiting for an answer there.
/// Channels bind a session when its turn starts; <see cref="ChannelToolApprover"/> looks the session up to ask.
/// </summary>
public sealed class ChannelApprovals
{
    private readonly ConcurrentDictionary<string, (ChannelAddress Address, IApprovalPrompter Prompter)> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _waiting = new(StringComparer.Ordinal);

    public void Bind(string sessionId, ChannelAddress address, IApprovalPrompter prompter)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        _routes[sessionId] = (address, prompter);
    }

    public void Unbind(string sessionId) => _routes.TryRemove(sessionId, out _);

    /// <summary>True while a conversation is bound to the session, so a question can be put to it.</summary>
    public bool IsBound(string sessionId) => _routes.ContainsKey(sessionId);

    internal (ChannelAddress Address, IApprovalPrompter Prompter)? Find(string sessionId) =>
        _routes.TryGetValue(sessionId, out var route) ? route : null;

    internal Task<bool> Wait(string approvalId)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[approvalId] = answer;
        return answer.Task;
    }

    internal void Forget(string approvalId) => _waiting.TryRemove(approvalId, out _);

    /// <summary>A person answered; false when the question is unknown or already settled (timed out, answered twice).</summary>
    public bool Answer(string approvalId, bool allowed) =>
        _waiting.TryRemove(approvalId, out var waiting) && waiting.TrySetResult(allowed);

    /// <summary>Questions waiting for an answer.</summary>
    public int Waiting => _waiting.Count;
}
