namespace Chitin.Memory.Tools;

/// <summary>The lower-case names the model and the capture schema use for layers and scopes.</summary>
internal static class MemoryNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static IEnumerable<string> All<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Of);

    /// <summary>Accepts only a declared name, case-insensitively (never a number).</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
