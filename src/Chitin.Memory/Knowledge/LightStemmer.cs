namespace Chitin.Memory.Knowledge;

/// <summary>
/// A deliberately light English suffix stripper (plural s/es/ies, -ing, -ed, doubled final consonant), enough for
/// "prefers"/"preferred"/"prefer" and "commands"/"command" to meet; it never touches short words.
/// </summary>
internal static class LightStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !word.All(char.IsLetter))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return Undouble(word[..^3]);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            return Undouble(word[..^2]);
        }

        if (word.EndsWith("es", StringComparison.Ordinal) && word.Length > 4 && "sxz".Contains(word[^3], StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && !"aeioulsz".Contains(stem[^1], StringComparison.Ordinal) ? stem[..^1] : stem;
}
