namespace Chitin.Channels.Approvals;

/// <summary>A channel that can put an Allow/Deny question to a conversation (an inline keyboard on Telegram).</summary>
public interface IApprovalPrompter
{
    /// <summary>Sends the question; the answer comes back through <see cref="ChannelApprovals.Answer"/> with <paramref name="approvalId"/>.</summary>
    Task AskAsync(ChannelAddress address, string approvalId, string question, CancellationToken cancellationToken);

    /// <summary>Tells the conversation how the question ended (answered, or denied because nobody answered in time).</summary>
    Task ConcludeAsync(ChannelAddress address, string approvalId, string outcome, CancellationToken cancellationToken);
}
