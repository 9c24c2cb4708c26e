namespace Chitin.Memory.Evaluation;

/// <summary>
/// Misspells one or two words of a query the way people do: a dropped, doubled or swapped letter, or a neighbouring
/// key. The first letter is kept (people rarely get it wrong), and words shorter than four letters are left alone.
/// </summary>
internal static class TypoMaker
{
    private const int MinWordLength = 4;

    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

    public static string Misspell(string query, Random random)
    {
        var words = query.Split(' ');
        var eligible = Enumerable.Range(0, words.Length)
            .Where(i => words[i].Length >= MinWordLength && words[i].All(char.IsLetter))
            .ToList();
        if (eligible.Count == 0)
        {
            return query;
        }

        var count = eligible.Count >= 3 && random.Next(2) == 0 ? 2 : 1;
        foreach (var index in eligible.OrderBy(_ => random.Next()).Take(count))
        {
            words[index] = MisspellWord(words[index], random);
        }

        return string.Join(' ', words);
    }

    private static string MisspellWord(string word, Random random)
    {
        var letters = new StringBuilder(word);
        var position = 1 + random.Next(word.Length - 1);
        switch (random.Next(4))
        {
            case 0:
                letters.Remove(position, 1);
                break;
            case 1:
                letters.Insert(position, word[position]);
                break;
            case 2 when position < word.Length - 1 && word[position] != word[position + 1]:
                (letters[position], letters[position + 1]) = (word[position + 1], word[position]);
                break;
            default:
                letters[position] = Neighbour(word[position], random);
                break;
        }

        var result = letters.ToString();
        return result == word ? word.Remove(position, 1) : result;
    }

    private static char Neighbour(char c, Random random)
    {
        var lower = char.ToLowerInvariant(c);
        foreach (var row in KeyboardRows)
        {
            var at = row.IndexOf(lower, StringComparison.Ordinal);
            if (at >= 0)
            {
                var left = at > 0 ? row[at - 1] : row[at + 1];
                var right = at < row.Length - 1 ? row[at + 1] : row[at - 1];
                return random.Next(2) == 0 ? left : right;
            }
        }

        return 'e';
    }
}
