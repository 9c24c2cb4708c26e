namespace Chitin.Core.Tools.Deferral;

/// <summary>
/// Splits tool names, descriptions and queries into comparable terms: lower case, snake_case and camelCase split,
/// stop words dropped, and a light suffix stripping so "issues", "issue" and "creating", "create" meet.
/// </summary>
internal static class SearchTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "by", "with", "from", "at", "as", "is", "are",
        "be", "it", "its", "this", "that", "these", "those", "i", "me", "my", "we", "our", "you", "your", "can",
        "want", "need", "would", "like", "please", "some", "all", "any", "into", "about", "which", "what", "how",
        "do", "does", "should", "will", "one", "given", "using", "use", "tool", "mcp", "them", "their", "there", "so",
        "if", "not", "no", "but", "also", "than", "then", "via", "per", "when", "where", "who", "has", "have", "was",
    };

    public static List<string> Split(string text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                // camelCase boundary: "createIssue" → "create", "issue".
                if (char.IsUpper(c) && word.Length > 0 && i > 0 && char.IsLower(text[i - 1]))
                {
                    Flush(word, terms);
                }

                word.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush(word, terms);
            }
        }

        Flush(word, terms);
        return terms;
    }

    /// <summary>The word with common English suffixes removed; short words are kept as they are.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3)
        {
            return word;
        }

        string[] suffixes = ["ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ers", "er", "s"];
        foreach (var suffix in suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                word = suffix is "ies" or "ied" ? word[..^suffix.Length] + "y" : word[..^suffix.Length];
                break;
            }
        }

        // "create", "created" and "creates" all end as "creat".
        return word.Length > 4 && word[^1] == 'e' ? word[..^1] : word;
    }

    private static void Flush(StringBuilder word, List<string> terms)
    {
        if (word.Length == 0)
        {
            return;
        }

        var text = word.ToString();
        word.Clear();
        if (!StopWords.Contains(text))
        {
            terms.Add(Stem(text));
        }
    }
}
