namespace Chitin.Channels.Delivery;

/// <summary>How a channel answers an inbound message: same conversation, split to its limit, with retries.</summary>
public interface IReplySender
{
    Task SendReplyAsync(InboundMessage to, string text, CancellationToken cancellationToken);

    /// <summary>Shows that an answer is being worked on ("typing…"); best effort, channels without it do nothing.</summary>
    Task ShowWorkingAsync(ChannelAddress address, CancellationToken cancellationToken) => Task.CompletedTask;
}
