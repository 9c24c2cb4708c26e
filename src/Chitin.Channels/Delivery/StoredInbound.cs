namespace Chitin.Channels.Delivery;

/// <summary>An inbound message as stored, with its state and (once the turn finished) its reply.</summary>
public sealed record StoredInbound(long Id, InboundMessage Message, InboundState State, string? Reply, DateTimeOffset ReceivedAt);
