namespace Chitin.Skills.Distill;

/// <summary>
/// How alike two skills are, 0..1: the same name is 1; otherwise the larger of the shared word 3-shingles of the
/// bodies (near-copies) and a blend of name-token and content-word overlap (Jaccard, common words left out), which
/// still catches a reworded version of the same procedure.
/// </summary>
internal static class SkillSimilarity
{
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "if", "in", "into", "is", "it", "its", "of", "on", "or",
        "the", "then", "this", "that", "to", "use", "used", "when", "with", "you", "your", "each", "any", "all", "step", "steps",
    };

    public static double Score(SkillText a, SkillText b)
    {
        if (string.Equals(a.Name, b.Name, StringComparison.Ordinal))
        {
            return 1.0;
        }

        var names = Jaccard(a.Name.Split('-', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), b.Name.Split('-', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
        var words = Jaccard(Words(a.Description + " " + a.Body).ToHashSet(StringComparer.Ordinal), Words(b.Description + " " + b.Body).ToHashSet(StringComparer.Ordinal));
        var shingles = Jaccard(Shingles(a.Body), Shingles(b.Body));
        return Math.Max(shingles, (0.3 * names) + (0.7 * words));
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = Words(text).ToList();
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 2 < words.Count; i++)
        {
            set.Add(string.Join(' ', words[i], words[i + 1], words[i + 2]));
        }

        return set;
    }

    private static IEnumerable<string> Words(string text) =>
        PlainText.Words(text).Select(word => word.ToLowerInvariant()).Where(word => word.Length > 1 && !CommonWords.Contains(word));

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
