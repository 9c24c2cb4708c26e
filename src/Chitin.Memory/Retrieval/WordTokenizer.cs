namespace Chitin.Memory.Retrieval;

/// <summary>
/// Splits text into lowercase words the way FTS5's unicode61 tokenizer does: runs of letters, digits and combining
/// marks; everything else separates. Shared by the FTS query builder, the hashed embedder and the knowledge rules.
/// </summary>
internal static class WordTokenizer
{
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>The words minus <see cref="StopWords"/>; all of them when every word is a stop word.</summary>
    public static List<string> ContentWords(string text)
    {
        var words = Words(text);
        var content = words.Where(w => !StopWords.Contains(w)).ToList();
        return content.Count > 0 ? content : words;
    }

    public static bool IsWordRune(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
