namespace Chitin.Hosting.Gateway;

/// <summary>
/// A daily window such as "08:00-22:00" in local time of a zone; a window whose end is before its start spans
/// midnight ("22:00-06:00"). The start is inside the window, the end is not.
/// </summary>
public sealed record ActiveHours(TimeOnly Start, TimeOnly End)
{
    public const string Expected = "a daily window \"HH:mm-HH:mm\" such as \"08:00-22:00\" (the end may be past midnight: \"22:00-06:00\")";

    public static bool TryParse(string? text, out ActiveHours? hours)
    {
        hours = null;
        var parts = text?.Split('-', StringSplitOptions.TrimEntries) ?? [];
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || start == end)
        {
            return false;
        }

        hours = new ActiveHours(start, end);
        return true;
    }

    public bool Contains(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        return Start < End ? local >= Start && local < End : local >= Start || local < End;
    }

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
