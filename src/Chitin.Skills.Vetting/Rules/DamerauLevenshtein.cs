namespace Chitin.Skills.Vetting.Rules;

/// <summary>Optimal-string-alignment (restricted Damerau-Levenshtein) distance, with an early exit for the distance-one question.</summary>
internal static class DamerauLevenshtein
{
    /// <summary>True when the strings differ by exactly one insertion, deletion, substitution or transposition of adjacent characters.</summary>
    public static bool IsAtMostOne(string a, string b) => !string.Equals(a, b, StringComparison.Ordinal) && Math.Abs(a.Length - b.Length) <= 1 && Distance(a, b) == 1;

    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
