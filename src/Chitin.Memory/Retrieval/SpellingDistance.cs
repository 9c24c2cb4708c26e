namespace Chitin.Memory.Retrieval;

/// <summary>
/// Optimal string alignment distance (insertions, deletions, substitutions and swaps of neighbouring letters, the
/// usual typing slips), with an early exit once the distance must exceed a bound.
/// </summary>
internal static class SpellingDistance
{
    /// <summary>Word endings the Porter stemmer removes (the common ones).</summary>
    private static readonly string[] StrippedEndings =
        ["s", "es", "e", "ed", "ing", "ings", "er", "ers", "ly", "ent", "ion", "ions", "ation", "ations", "al", "ment", "ness", "ity", "ive"];

    /// <summary>Words this long may hold two slips; shorter ones one.</summary>
    private const int LongWordChars = 7;

    /// <summary>How many slips a typed word of this length may hold and still be read as another word.</summary>
    public static int SlipsAllowed(string word) => word.Length >= LongWordChars ? 2 : 1;

    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or <paramref name="bound"/> + 1 when it is larger than the bound.</summary>
    public static int Within(string a, string b, int bound)
    {
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return bound + 1;
        }

        // Three rows of the dynamic programme: the one before the previous (for swaps), the previous and the current.
        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowBest = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowBest = Math.Min(rowBest, value);
            }

            if (rowBest > bound)
            {
                return bound + 1;
            }

            (before, previous, current) = (previous, current, before);
        }

        return Math.Min(previous[b.Length], bound + 1);
    }

    /// <summary>
    /// The distance between a typed <paramref name="word"/> and an indexed Porter <paramref name="stem"/>: the word as
    /// typed, or without one of the endings the stemmer strips ("woorks" is one slip from "work", "staarling" from
    /// "starl"), or with a final "i" of the stem read as the "y" it came from ("prxoy" is one swap from "proxi").
    /// A word without its ending may hold only the slips its own length allows: "document" without "ment" is "docu",
    /// which is not two slips from "dog".
    /// </summary>
    public static int ToStem(string word, string stem, int bound)
    {
        var best = Within(word, stem, bound);
        if (best > 0 && stem.EndsWith('i'))
        {
            best = Math.Min(best, Within(word, string.Concat(stem.AsSpan(0, stem.Length - 1), "y"), bound));
        }

        foreach (var ending in StrippedEndings)
        {
            if (best > 0 && word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                var stripped = word[..^ending.Length];
                var distance = Within(stripped, stem, bound);
                if (distance <= SlipsAllowed(stripped))
                {
                    best = Math.Min(best, distance);
                }
            }
        }

        return best;
    }
}
