namespace Chitin.Channels.Pairing;

/// <summary>An unknown sender waiting for the owner's <c>chitin pairing approve &lt;code&gt;</c>.</summary>
public sealed record PairingRequest(string Code, string Channel, string SenderId, string? SenderName, string ChatId, DateTimeOffset CreatedAt);
