namespace Chitin.Hosting.Gateway;

/// <summary>
/// One message into a long-lived conversation, from any front end: a chat channel, the OpenAI-compatible API, the
/// web UI, a cron job. <see cref="SessionKey"/> names the conversation (e.g. "telegram:123:topic:7"); the
/// dispatcher maps it to a Chitin session.
/// </summary>
public sealed record ConversationMessage
{
    public required string SessionKey { get; init; }

    public required string Text { get; init; }

    /// <summary>The agent (model name on the OpenAI-compatible API); "chitin" and "default" name the default agent.</summary>
    public string Agent { get; init; } = "default";

    /// <summary>Where it came from: "telegram", "webhook", "api", "cron", "heartbeat".</summary>
    public required string Source { get; init; }

    /// <summary>The channel's own id of the message, used to answer each message exactly once after a restart.</summary>
    public string? MessageId { get; init; }
}
