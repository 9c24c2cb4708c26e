namespace Chitin.Hosting.Gateway;

/// <summary>
/// The "heartbeat" config section: how often the gateway looks at HEARTBEAT.md and its new events, and what a beat
/// may spend. A beat calls the model only when its deterministic pre-check finds work.
/// </summary>
/// <param name="Enabled">Beat while the gateway runs.</param>
/// <param name="Every">Time between beats.</param>
/// <param name="ActiveHours">Beats outside this daily window are skipped; null means all day.</param>
/// <param name="TimeZone">IANA id the window is read in; null means UTC.</param>
/// <param name="Model">Model for the heartbeat's call; null uses the configured model.</param>
/// <param name="DailyCap">Most heartbeat model calls per UTC day.</param>
/// <param name="DailyTokens">Most tokens heartbeat calls may use per UTC day; 0 for no token cap.</param>
/// <param name="Deliver">Where a beat's answer is sent (for example "telegram:123"); null keeps it in the event only.</param>
public sealed record HeartbeatSettings(
    bool Enabled,
    TimeSpan Every,
    ActiveHours? ActiveHours,
    string? TimeZone,
    string? Model,
    int DailyCap,
    long DailyTokens,
    string? Deliver) : IFeatureOptions<HeartbeatSettings>
{
    public static HeartbeatSettings Default { get; } = new(
        Enabled: true, Every: TimeSpan.FromMinutes(30), ActiveHours: null, TimeZone: null, Model: null, DailyCap: 24, DailyTokens: 200_000, Deliver: null);

    public static string Section => "heartbeat";

    public static IReadOnlyList<string> Keys { get; } = ["enabled", "every", "activeHours", "timeZone", "model", "dailyCap", "dailyTokens", "deliver"];

    public static string? Check(string key, OptionValue value) => key switch
    {
        "enabled" => value.TryBoolean(out _) ? null : "must be true or false",
        "every" => value.Kind == System.Text.Json.JsonValueKind.String && DurationText.TryParse(value.Text, out var every) && every >= TimeSpan.FromMinutes(1)
            ? null
            : "must be " + DurationText.Expected + ", at least 1m",
        "activeHours" => value.Kind == System.Text.Json.JsonValueKind.String && Gateway.ActiveHours.TryParse(value.Text, out _) ? null : "must be " + Gateway.ActiveHours.Expected,
        "timeZone" => value.Kind == System.Text.Json.JsonValueKind.String && TimeZoneIds.TryFind(value.Text, out _) ? null : "must be a known time zone: " + TimeZoneIds.UnknownMessage(value.Text),
        "model" => value.IsNonEmptyString ? null : "must be a non-empty model id",
        "dailyCap" => value.TryInteger(out var cap) && cap is >= 0 and <= 100_000 ? null : "must be a whole number of model calls per day from 0 to 100000 (0 never calls the model)",
        "dailyTokens" => value.TryInteger(out var tokens) && tokens >= 0 ? null : "must be a whole number of tokens per day, 0 for no token cap",
        "deliver" => value.IsNonEmptyString && value.Text!.Contains(':', StringComparison.Ordinal) ? null : "must be a delivery target such as \"telegram:<chat id>\"",
        _ => null,
    };

    public static HeartbeatSettings Bind(OptionReader read)
    {
        var d = Default;
        return new(
            read.Boolean("enabled", d.Enabled),
            DurationText.TryParse(read["every"], out var every) ? every : d.Every,
            Gateway.ActiveHours.TryParse(read["activeHours"], out var hours) ? hours : d.ActiveHours,
            read.Text("timeZone", d.TimeZone),
            read.Text("model", d.Model),
            read.Int32("dailyCap", d.DailyCap),
            read.Int64("dailyTokens", d.DailyTokens),
            read.Text("deliver", d.Deliver));
    }

    /// <summary>The zone <see cref="ActiveHours"/> is read in.</summary>
    public TimeZoneInfo Zone => TimeZone is not null && TimeZoneIds.TryFind(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
