namespace Chitin.Memory.Knowledge;

/// <summary>
/// Recognises a newer statement of the same fact with another value — "The team standup is at 09:00 every day." then
/// "The team standup moved to 10:30 every day." — without a subject and without a model: the two texts say the same
/// once their times and numbers are set aside, the names are the same, the times or numbers differ, and the newer one
/// announces a change ("moved", "now", "instead", …). Without that word two such texts are often two facts ("Server 1
/// hosts …" / "Server 2 hosts …"; one person's hours in two places), so they are left to the judge or the conflict list.
/// A changed name is left to the judge or the subject rule.
/// </summary>
internal static partial class ValueUpdate
{
    /// <summary>Share of the remaining words both texts must have in common.</summary>
    public const double FrameSimilarity = 0.6;

    private static readonly HashSet<string> ChangeWords = new(StringComparer.Ordinal)
    {
        "moved", "changed", "now", "switched", "became", "updated", "instead", "rescheduled", "renamed", "replaced",
        "anymore",
    };

    /// <summary>The old and new values when <paramref name="incoming"/> restates <paramref name="existing"/> with another value; null otherwise.</summary>
    public static (string Old, string New)? Find(string existing, string incoming)
    {
        var (oldFrame, oldValues) = Split(existing);
        var (newFrame, newValues) = Split(incoming);
        if (oldValues.Count == 0 || newValues.Count == 0 || oldValues.SetEquals(newValues))
        {
            return null;
        }

        if (MemoryText.Jaccard(oldFrame, newFrame) < FrameSimilarity)
        {
            return null;
        }

        // Other names are other people or things ("Meetings with Aiko …" / "Meetings with Ben …"): only times and numbers change here.
        var announced = WordTokenizer.Words(incoming).Any(ChangeWords.Contains);
        var sameNames = Names(existing).SetEquals(Names(incoming));
        if (!sameNames || !announced)
        {
            return null;
        }

        return (string.Join(' ', Values(existing)), string.Join(' ', Values(incoming)));
    }

    /// <summary>Content words without the values, and the values (words with a digit, names written with a capital inside the sentence).</summary>
    private static (HashSet<string> Frame, HashSet<string> Values) Split(string text)
    {
        var values = Values(text).SelectMany(WordTokenizer.Words).ToHashSet(StringComparer.Ordinal);
        var frame = MemoryText.ContentTokens(text);
        frame.ExceptWith(values.Select(LightStemmer.Stem));
        frame.ExceptWith(values);
        frame.ExceptWith(ChangeWords.Select(LightStemmer.Stem));
        return (frame, values);
    }

    private static HashSet<string> Names(string text) =>
        Values(text).Where(v => !v.Any(char.IsDigit)).Select(v => v.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Values(string text)
    {
        var first = true;
        foreach (Match match in WordPattern().Matches(text))
        {
            var word = match.Value;
            if (word.Any(char.IsDigit) || (!first && char.IsUpper(word[0])))
            {
                yield return word;
            }

            first = false;
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}:.\-']*[\p{L}\p{N}]|[\p{L}\p{N}]")]
    private static partial Regex WordPattern();
}
