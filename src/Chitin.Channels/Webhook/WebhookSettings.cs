namespace Chitin.Channels.Webhook;

/// <summary>One entry of "channels.webhooks": a named endpoint with a shared HMAC secret and an optional reply URL.</summary>
public sealed record WebhookSettings
{
    public required string Name { get; init; }

    /// <summary>The environment variable holding the HMAC-SHA256 key that signs both directions.</summary>
    public required string SecretEnv { get; init; }

    /// <summary>Where replies are POSTed; null to accept inbound messages without answering them.</summary>
    public string? Url { get; init; }

    /// <summary>"midTurn": queue a message that arrives mid-turn for the next turn, or steer the running turn with it.</summary>
    public Delivery.MidTurnMode MidTurn { get; init; }

    /// <summary>How far a request's timestamp may be from now before it is refused as stale.</summary>
    public TimeSpan MaxSkew { get; init; } = TimeSpan.FromMinutes(5);
}
