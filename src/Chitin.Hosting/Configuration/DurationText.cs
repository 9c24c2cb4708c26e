namespace Chitin.Hosting.Configuration;

/// <summary>Durations as users write them: a whole number followed by s, m or h ("90s", "10m", "2h").</summary>
public static class DurationText
{
    public const string Expected = "a duration such as \"90s\", \"10m\" or \"2h\" (a whole number followed by s, m or h)";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var value = text?.Trim() ?? "";
        if (value.Length < 2)
        {
            return false;
        }

        var unit = char.ToLowerInvariant(value[^1]);
        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount > 10_000_000)
        {
            return false;
        }

        switch (unit)
        {
            case 's':
                duration = TimeSpan.FromSeconds(amount);
                return true;
            case 'm':
                duration = TimeSpan.FromMinutes(amount);
                return true;
            case 'h':
                duration = TimeSpan.FromHours(amount);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The duration, or a <see cref="FormatException"/> whose message says what was expected.</summary>
    public static TimeSpan Parse(string? text, string what) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"{what}: '{text}' is not {Expected}");

    /// <summary>The shortest spelling: "1h" rather than "60m".</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds % 3600 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalHours}h")
        : duration.TotalSeconds % 60 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMinutes}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds}s");
}
