namespace Chitin.Channels.Webhook;

/// <summary>What a webhook handler answers: the host writes the status code and the short plain-text body.</summary>
public sealed record WebhookResult(int StatusCode, string Body)
{
    public static WebhookResult Accepted { get; } = new(200, "ok");

    public static WebhookResult Duplicate { get; } = new(200, "duplicate");
}
