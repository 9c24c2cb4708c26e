namespace Chitin.Channels.Abstractions;

/// <summary>A message a person sent to the agent through a channel.</summary>
/// <param name="MessageId">The channel's own id, unique per channel; redeliveries carry the same id.</param>
/// <param name="ReplyTo">The message the reply should quote (the triggering message in a group), when any.</param>
public sealed record InboundMessage(ChannelAddress Address, string MessageId, string SenderId, string Text, string? ReplyTo = null);
