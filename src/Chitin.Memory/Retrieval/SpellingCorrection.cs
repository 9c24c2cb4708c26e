namespace Chitin.Memory.Retrieval;

/// <summary>
/// Rewrites a query with its misspelt words replaced by their corrections, word boundaries as <see cref="WordTokenizer"/>
/// draws them and everything between the words kept, so an embedder sees the query as the user meant it.
/// </summary>
internal static class SpellingCorrection
{
    /// <param name="text">The query as typed.</param>
    /// <param name="corrections">Lower-case misspelt words and the word that replaces each.</param>
    public static string Apply(string text, IReadOnlyDictionary<string, string> corrections)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(corrections);
        var result = new StringBuilder(text.Length);
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (WordTokenizer.IsWordRune(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            Flush();
            result.Append(rune.ToString());
        }

        Flush();
        return result.ToString();

        void Flush()
        {
            if (word.Length == 0)
            {
                return;
            }

            var written = word.ToString();
            result.Append(corrections.TryGetValue(written.ToLowerInvariant(), out var corrected) ? corrected : written);
            word.Clear();
        }
    }
}
