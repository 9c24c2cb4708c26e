namespace Chitin.Tools.Files;

/// <summary>Compact human-readable sizes: 512 B, 1.2 KB, 3.4 MB.</summary>
internal static class SizeFormat
{
    private static readonly string[] Units = ["KB", "MB", "GB", "TB"];

    public static string Of(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
