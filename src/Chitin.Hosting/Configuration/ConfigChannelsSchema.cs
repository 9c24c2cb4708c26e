namespace Chitin.Hosting.Configuration;

/// <summary>
/// Checks the "channels" section: channels.telegram { botTokenEnv, apiBaseUrl, dmPolicy, allowFrom, groupPolicy,
/// webhookSecretEnv, midTurn }, channels.webhooks.&lt;name&gt; { secretEnv, url, midTurn } and channels.approvalTimeoutSeconds. Only the
/// user config file may set it: a repository must not open the agent to chat senders.
/// </summary>
internal static partial class ConfigChannelsSchema
{
    private static readonly string[] SectionKeys = ["telegram", "webhooks", "approvalTimeoutSeconds"];
    private static readonly string[] TelegramKeys = ["botTokenEnv", "apiBaseUrl", "dmPolicy", "allowFrom", "groupPolicy", "webhookSecretEnv", "midTurn"];
    private static readonly string[] WebhookKeys = ["secretEnv", "url", "midTurn"];

    public static string? Check(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        var s = node.Segments;
        if (s.Count == 2)
        {
            return CheckSection(node, source, warnings);
        }

        if (Is(s[1], "telegram"))
        {
            return s.Count == 3 ? CheckTelegram(node, source, warnings)
                : s.Count == 4 && Is(s[2], "allowFrom") ? CheckSender(node)
                : null;
        }

        if (Is(s[1], "webhooks"))
        {
            return s.Count == 3 ? (node.Kind == JsonValueKind.Object ? null : "must be an object { \"secretEnv\": ..., \"url\": ... }")
                : s.Count == 4 ? CheckWebhook(node, source, warnings)
                : null;
        }

        return null;
    }

    private static string? CheckSection(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        var key = node.Segments[1];
        if (Is(key, "telegram"))
        {
            return node.Kind == JsonValueKind.Object ? null : "must be an object { \"botTokenEnv\": ..., \"dmPolicy\": ..., \"allowFrom\": [...] }";
        }

        if (Is(key, "webhooks"))
        {
            return node.Kind == JsonValueKind.Object ? null : "must be an object of named webhooks { \"<name>\": { \"secretEnv\": ..., \"url\": ... } }";
        }

        if (Is(key, "approvalTimeoutSeconds"))
        {
            return ConfigSchema.TryNumber(node, out var v) && v is > 0 and <= 86_400 ? null : "must be a number of seconds from 1 to 86400 (no answer in time denies the call)";
        }

        warnings.Add(ConfigSchema.Unknown(node, source, SectionKeys));
        return null;
    }

    private static string? CheckTelegram(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        var key = node.Segments[2];
        if (Is(key, "botTokenEnv") || Is(key, "webhookSecretEnv"))
        {
            return EnvironmentName(node) ? null : "must be an environment variable name such as \"TELEGRAM_BOT_TOKEN\" (the secret itself never goes into config)";
        }

        if (Is(key, "apiBaseUrl"))
        {
            return node.Kind == JsonValueKind.String && ConfigSchema.IsHttpUrl(node.Value) ? null : "must be an absolute http(s) URL of a Bot API server";
        }

        if (Is(key, "dmPolicy") || Is(key, "groupPolicy"))
        {
            return node.Kind == JsonValueKind.String && node.Value?.Trim().ToLowerInvariant() is "pairing" or "allowlist" or "open"
                ? null
                : "must be \"pairing\" (unknown senders get a code to approve), \"allowlist\" (only allowFrom and approved senders) or \"open\"";
        }

        if (Is(key, "midTurn"))
        {
            return CheckMidTurn(node);
        }

        if (Is(key, "allowFrom"))
        {
            return node.Kind == JsonValueKind.Array ? null : "must be an array of Telegram user ids or @usernames";
        }

        warnings.Add(ConfigSchema.Unknown(node, source, TelegramKeys));
        return null;
    }

    private static string? CheckSender(ConfigNode node) =>
        node.Kind == JsonValueKind.Number && ConfigSchema.TryInteger(node, out _)
        || node.Kind == JsonValueKind.String && SenderPattern().IsMatch(node.Value ?? "")
            ? null
            : "must be a Telegram user id (a number) or an @username";

    private static string? CheckWebhook(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        var key = node.Segments[3];
        if (Is(key, "secretEnv"))
        {
            return EnvironmentName(node) ? null : "must be an environment variable name holding the HMAC-SHA256 secret";
        }

        if (Is(key, "url"))
        {
            return node.Kind == JsonValueKind.String && ConfigSchema.IsHttpUrl(node.Value) ? null : "must be an absolute http(s) URL that receives the replies";
        }

        if (Is(key, "midTurn"))
        {
            return CheckMidTurn(node);
        }

        warnings.Add(ConfigSchema.Unknown(node, source, WebhookKeys));
        return null;
    }

    private static string? CheckMidTurn(ConfigNode node) =>
        node.Kind == JsonValueKind.String && node.Value?.Trim().ToLowerInvariant() is "queue" or "steer"
            ? null
            : "must be \"queue\" (a message that arrives mid-turn waits for its own turn) or \"steer\" (it is handed to the running turn)";

    private static bool EnvironmentName(ConfigNode node) => node.Kind == JsonValueKind.String && EnvironmentPattern().IsMatch(node.Value ?? "");

    private static bool Is(string actual, string key) => string.Equals(actual, key, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentPattern();

    [GeneratedRegex("^(@?[A-Za-z][A-Za-z0-9_]{3,31}|-?[0-9]+)$")]
    private static partial Regex SenderPattern();
}
