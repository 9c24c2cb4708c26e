namespace Chitin.Memory.Retrieval;

/// <summary>
/// Turns what a user or model typed into safe FTS5 MATCH expressions: every word becomes a quoted string, so FTS5
/// operators (AND, OR, NOT, NEAR, *, ^, column filters, parentheses, quotes) in the input are plain words and can
/// never cause a syntax error. Stop words are dropped unless nothing else is left.
/// </summary>
public static class FtsQueryBuilder
{
    /// <summary>More words than this add little to BM25 but cost time: only the first ones are used.</summary>
    public const int MaxTerms = 16;

    public const int MinPrefixChars = 4;

    /// <summary>The words of <paramref name="text"/>, each as a quoted FTS5 string, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WordTokenizer.ContentWords(text).Distinct(StringComparer.Ordinal).Take(MaxTerms).Select(Quote).ToList();
    }

    /// <summary>
    /// The words of a search, plus the last word typed as a prefix term ("deploy" also finds "deployment") when it
    /// has at least <see cref="MinPrefixChars"/> letters and the text does not end in a space or punctuation.
    /// </summary>
    public static IReadOnlyList<string> SearchTerms(string text)
    {
        var terms = Terms(text);
        var words = WordTokenizer.Words(text);
        var content = WordTokenizer.ContentWords(text);
        var last = content.Count == 0 ? null : content[^1];
        if (last is null || words[^1] != last || terms.Count >= MaxTerms || !char.IsLetterOrDigit(text.TrimEnd()[^1]) || text[^1] != text.TrimEnd()[^1] || last.Length < MinPrefixChars)
        {
            return terms;
        }

        return [.. terms, Quote(last) + "*"];
    }

    /// <summary>Every word ORed, or null when the text has no words at all.</summary>
    public static string? Build(string text)
    {
        var terms = Terms(text);
        return terms.Count == 0 ? null : Or(terms);
    }

    public static string Or(IEnumerable<string> quotedTerms) => string.Join(" OR ", quotedTerms);

    public static string And(IEnumerable<string> quotedTerms) => string.Join(" AND ", quotedTerms);

    // Words hold only letters, digits and marks, so no quote can appear; doubling is belt and braces.
    private static string Quote(string word) => string.Concat("\"", word.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
}
