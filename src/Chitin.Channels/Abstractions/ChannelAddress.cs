namespace Chitin.Channels.Abstractions;

/// <summary>
/// A conversation on a channel: a chat, and in chats with threads (Telegram forum topics) one thread of it. Each
/// address is its own session: "telegram:42" or "telegram:-100123:topic:7".
/// </summary>
public sealed record ChannelAddress(string Channel, string ChatId, string? ThreadId = null)
{
    public string SessionKey => ThreadId is null ? $"{Channel}:{ChatId}" : $"{Channel}:{ChatId}:topic:{ThreadId}";

    /// <summary>The delivery target form ("telegram:&lt;chat id&gt;[:&lt;thread id&gt;]") used by cron's --deliver.</summary>
    public string Target => ThreadId is null ? $"{Channel}:{ChatId}" : $"{Channel}:{ChatId}:{ThreadId}";

    /// <summary>Reads "channel:chat[:thread]"; null when <paramref name="target"/> is not for <paramref name="channel"/>.</summary>
    public static ChannelAddress? TryParseTarget(string channel, string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parts = target.Split(':');
        if (parts.Length is < 2 or > 3 || !string.Equals(parts[0], channel, StringComparison.Ordinal) || parts[1].Length == 0)
        {
            return null;
        }

        return new ChannelAddress(channel, parts[1], parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null);
    }

    internal long ChatAsLong => long.Parse(ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    internal int? ThreadAsInt => ThreadId is null ? null : int.Parse(ThreadId, NumberStyles.None, CultureInfo.InvariantCulture);
}
