namespace Chitin.WebUi.Charts;

/// <summary>What the pages write their own way (counts, shares and money read as <see cref="Units"/> has them): times in UTC, SVG coordinates.</summary>
public static class Figures
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate: invariant, at most one decimal.</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
