namespace Chitin.Memory.Knowledge;

/// <summary>The deterministic text comparisons behind duplicate detection and the ambiguity check.</summary>
internal static class MemoryText
{
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "a", "an", "the" };

    /// <summary>
    /// Lowercase words without punctuation and articles: "The user prefers Vim." and "user prefers vim" are the
    /// same fact; "User prefers Vim 9" is not.
    /// </summary>
    public static string Normalize(string text) =>
        string.Join(' ', WordTokenizer.Words(text).Where(w => !Articles.Contains(w)));

    /// <summary>A stable 64-bit key of <see cref="Normalize"/> for the duplicate index.</summary>
    public static long NormalizedHash(string normalized) => unchecked((long)FeatureHash.Of('n', normalized));

    /// <summary>Distinct stemmed words that are not stop words.</summary>
    public static HashSet<string> ContentTokens(string text) =>
        WordTokenizer.Words(text).Where(w => !StopWords.Contains(w)).Select(LightStemmer.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>Shared tokens over all tokens, 0 when either side has none.</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
