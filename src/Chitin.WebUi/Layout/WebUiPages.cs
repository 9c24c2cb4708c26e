namespace Chitin.WebUi.Layout;

/// <summary>The pages of the UI, in navigation order (issue #21's table).</summary>
public static class WebUiPages
{
    public static IReadOnlyList<WebUiPage> All { get; } =
    [
        new("/chat", "Chat"),
        new("/sessions", "Sessions"),
        new("/runs", "Runs"),
        new("/usage", "Usage"),
        new("/memory", "Memory"),
        new("/skills", "Skills"),
        new("/providers", "Providers"),
        new("/cron", "Cron & heartbeat"),
        new("/channels", "Channels"),
        new("/settings", "Settings"),
    ];
}
