namespace Chitin.WebUi.Charts;

/// <summary>How numbers read on the pages (the CLI's conventions): 12,345 tokens, 87.5%, $0.0123.</summary>
public static class Figures
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Usd(decimal value) => value switch
    {
        0m => "$0.00",
        < 1m => "$" + value.ToString("0.0000", CultureInfo.InvariantCulture),
        _ => "$" + value.ToString("N2", CultureInfo.InvariantCulture),
    };

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate: invariant, at most one decimal.</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
