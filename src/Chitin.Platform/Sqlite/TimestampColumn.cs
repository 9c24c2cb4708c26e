namespace Chitin.Platform.Sqlite;

/// <summary>
/// How every component of the shared database stores an instant: fixed-width ISO-8601 UTC text with 100 ns precision,
/// so it round-trips exactly, sorts and compares as text, and starts with its UTC day (yyyy-MM-dd).
/// </summary>
public static class TimestampColumn
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Text(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
