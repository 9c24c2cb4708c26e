namespace Chitin.Cli.Channels;

/// <summary>One pending pairing request in <c>chitin pairing list --json</c>.</summary>
public sealed record PairingRowOutput(string Code, string Channel, string SenderId, string? SenderName, string ChatId, DateTimeOffset CreatedAt);
