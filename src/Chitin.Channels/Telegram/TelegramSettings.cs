namespace Chitin.Channels.Telegram;

/// <summary>The "channels.telegram" section.</summary>
public sealed record TelegramSettings
{
    public const string DefaultTokenVariable = "TELEGRAM_BOT_TOKEN";

    /// <summary>The environment variable holding the bot token; the token itself never appears in config or logs.</summary>
    public string BotTokenEnv { get; init; } = DefaultTokenVariable;

    /// <summary>A self-hosted Bot API server (or a test's fake one); null for https://api.telegram.org.</summary>
    public string? ApiBaseUrl { get; init; }

    public AccessPolicy DmPolicy { get; init; } = AccessPolicy.Pairing;

    /// <summary>User ids or @usernames allowed without pairing.</summary>
    public IReadOnlyList<string> AllowFrom { get; init; } = [];

    /// <summary>
    /// Who may address the bot in groups. Defaults to the direct-message allow-list (open when DMs are open); pairing
    /// codes are never posted into a group, so "pairing" acts as "allowlist" there.
    /// </summary>
    public AccessPolicy? GroupPolicy { get; init; }

    /// <summary>When set, updates arrive by webhook (the host maps <see cref="TelegramChannel.HandleWebhookAsync"/>) and Telegram must send this secret header.</summary>
    public string? WebhookSecretEnv { get; init; }

    /// <summary>"midTurn": queue a message that arrives mid-turn for the next turn, or steer the running turn with it.</summary>
    public Delivery.MidTurnMode MidTurn { get; init; }

    public AccessPolicy EffectiveGroupPolicy => GroupPolicy ?? (DmPolicy == AccessPolicy.Open ? AccessPolicy.Open : AccessPolicy.Allowlist);
}
