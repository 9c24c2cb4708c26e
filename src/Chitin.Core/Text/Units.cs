namespace Chitin.Core.Text;

/// <summary>How numbers read in human output, the CLI's and the web UI's alike: 12,345 tokens, 87.5%, $0.0123, 1.2 s.</summary>
public static class Units
{
    public static string Tokens(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Usd(decimal value) => value switch
    {
        0m => "$0.00",
        < 1m => "$" + value.ToString("0.0000", CultureInfo.InvariantCulture),
        _ => "$" + value.ToString("N2", CultureInfo.InvariantCulture),
    };

    public static string Duration(double milliseconds) => milliseconds < 1000
        ? milliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : (milliseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary><paramref name="text"/> on one line with runs of white space collapsed, cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string OneLine(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var flat = PlainText.Collapse(text);
        return flat.Length <= max ? flat : string.Concat(flat.AsSpan(0, Math.Max(0, max - 1)), "…");
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
    };
}
