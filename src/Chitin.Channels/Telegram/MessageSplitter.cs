namespace Chitin.Channels.Telegram;

/// <summary>Splits a long answer into messages no longer than a limit, at a paragraph, line or word boundary where one is near.</summary>
public static class MessageSplitter
{
    /// <summary>Telegram's limit on a text message.</summary>
    public const int TelegramLimit = 4096;

    public static IReadOnlyList<string> Split(string text, int limit = TelegramLimit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16);
        var parts = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > limit)
        {
            var cut = CutPoint(rest[..limit], limit);
            var part = rest[..cut].TrimEnd();
            if (part.Length > 0)
            {
                parts.Add(part.ToString());
            }

            rest = rest[cut..].TrimStart();
        }

        if (rest.Trim().Length > 0 || parts.Count == 0)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }

    /// <summary>The last paragraph break, else line break, else space in the second half of the window; else a hard cut that keeps surrogate pairs whole.</summary>
    private static int CutPoint(ReadOnlySpan<char> window, int limit)
    {
        var floor = limit / 2;
        foreach (var separator in new[] { "\n\n", "\n", " " })
        {
            var at = window.LastIndexOf(separator.AsSpan());
            if (at >= floor)
            {
                return at + separator.Length;
            }
        }

        return char.IsHighSurrogate(window[limit - 1]) ? limit - 1 : limit;
    }
}
