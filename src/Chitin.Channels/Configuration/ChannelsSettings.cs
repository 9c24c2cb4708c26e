namespace Chitin.Channels.Configuration;

/// <summary>
/// The "channels" section of the user config file (the config schema has already checked it). A project file cannot
/// open the agent to chat senders, so its "channels" section is ignored (the schema warns).
/// </summary>
public sealed record ChannelsSettings
{
    public static ChannelsSettings None { get; } = new();

    public TelegramSettings? Telegram { get; init; }

    public IReadOnlyList<WebhookSettings> Webhooks { get; init; } = [];

    /// <summary>How long an approval question waits in the chat before the call is denied.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public static ChannelsSettings From(ChitinConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var user = config.Files.FirstOrDefault(f => f.Scope == ConfigScope.User && f.IsUsable);
        if (user is null || user.Nodes.All(n => !n.Is("channels")))
        {
            return None;
        }

        using var document = JsonDocument.Parse(user.Content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("channels", out var section) && section.ValueKind == JsonValueKind.Object ? Parse(section) : None;
    }

    public static ChannelsSettings Parse(JsonElement section)
    {
        var settings = None;
        foreach (var property in section.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "telegram" when property.Value.ValueKind == JsonValueKind.Object:
                    settings = settings with { Telegram = ParseTelegram(property.Value) };
                    break;
                case "webhooks" when property.Value.ValueKind == JsonValueKind.Object:
                    settings = settings with { Webhooks = [.. property.Value.EnumerateObject().Select(ParseWebhook)] };
                    break;
                case "approvaltimeoutseconds" when Number(property.Value) is { } seconds && seconds > 0:
                    settings = settings with { ApprovalTimeout = TimeSpan.FromSeconds(seconds) };
                    break;
            }
        }

        return settings;
    }

    internal static AccessPolicy? ParsePolicy(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "pairing" => AccessPolicy.Pairing,
        "allowlist" => AccessPolicy.Allowlist,
        "open" => AccessPolicy.Open,
        _ => null,
    };

    internal static MidTurnMode? ParseMidTurn(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "queue" => MidTurnMode.Queue,
        "steer" => MidTurnMode.Steer,
        _ => null,
    };

    private static TelegramSettings ParseTelegram(JsonElement telegram)
    {
        var settings = new TelegramSettings();
        foreach (var property in telegram.EnumerateObject())
        {
            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            settings = property.Name.ToLowerInvariant() switch
            {
                "bottokenenv" when text is not null => settings with { BotTokenEnv = text },
                "apibaseurl" when text is not null => settings with { ApiBaseUrl = text.TrimEnd('/') },
                "dmpolicy" when ParsePolicy(text) is { } policy => settings with { DmPolicy = policy },
                "grouppolicy" when ParsePolicy(text) is { } policy => settings with { GroupPolicy = policy },
                "webhooksecretenv" when text is not null => settings with { WebhookSecretEnv = text },
                "midturn" when ParseMidTurn(text) is { } mode => settings with { MidTurn = mode },
                "allowfrom" when property.Value.ValueKind == JsonValueKind.Array => settings with { AllowFrom = [.. property.Value.EnumerateArray().Select(Id).OfType<string>()] },
                _ => settings,
            };
        }

        return settings;
    }

    private static WebhookSettings ParseWebhook(JsonProperty entry)
    {
        string? Text(string name) => entry.Value.ValueKind == JsonValueKind.Object && entry.Value.EnumerateObject().FirstOrDefault(p => p.NameEquals(name)) is { Value.ValueKind: JsonValueKind.String } p ? p.Value.GetString() : null;
        return new WebhookSettings { Name = entry.Name, SecretEnv = Text("secretEnv") ?? "", Url = Text("url"), MidTurn = ParseMidTurn(Text("midTurn")) ?? MidTurnMode.Queue };
    }

    private static string? Id(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
