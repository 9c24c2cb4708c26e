namespace Chitin.Tools.Files;

/// <summary>Counts with the right noun form: "1 line", "2,000 lines".</summary>
internal static class Wording
{
    public static string Count(long count, string noun) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
