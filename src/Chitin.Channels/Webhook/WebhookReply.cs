namespace Chitin.Channels.Webhook;

/// <summary>What the webhook channel POSTs to its URL: the answer and the conversation and message it answers.</summary>
public sealed record WebhookReply(string Webhook, string? Conversation, string? InReplyTo, string Text);
