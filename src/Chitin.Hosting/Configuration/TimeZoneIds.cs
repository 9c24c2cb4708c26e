namespace Chitin.Hosting.Configuration;

/// <summary>Time zones by IANA id ("Europe/Berlin"), with one clear message for an unknown id.</summary>
public static class TimeZoneIds
{
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone) ? zone : throw new TimeZoneNotFoundException(UnknownMessage(id));

    public static string UnknownMessage(string? id) =>
        $"unknown time zone '{id}': use an IANA time zone id such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\"";
}
