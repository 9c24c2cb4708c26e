namespace Chitin.Channels.Webhook;

/// <summary>An inbound webhook message: its id (deduplicates retries and refuses replays), text, and optional conversation and sender.</summary>
public sealed record WebhookPayload
{
    public string? Id { get; init; }

    public string? Text { get; init; }

    public string? Conversation { get; init; }

    public string? Sender { get; init; }
}
