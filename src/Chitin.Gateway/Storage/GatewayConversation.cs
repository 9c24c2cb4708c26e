namespace Chitin.Gateway.Storage;

/// <summary>A conversation key and the Chitin session that holds its history.</summary>
public sealed record GatewayConversation(string SessionKey, string SessionId, string Agent, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
