namespace Chitin.Memory.Storage;

/// <summary>
/// Misspelt search words: a query word that no item contains is matched against the full-text index's own vocabulary
/// (FTS5's fts5vocab over memory_fts, a temporary table of this connection, so the schema does not change), and the
/// indexed words (Porter stems) within one typing slip (two for long words) of the word or of the word without an
/// ending the stemmer strips join the search. Only words that match nothing pay for it.
/// </summary>
internal sealed partial class MemoryRepository
{
    /// <summary>Shorter words have too many neighbours one slip away to guess from.</summary>
    private const int MinSpellingChars = 4;

    /// <summary>At most this many corrections per misspelt word, nearest and most common first.</summary>
    private const int MaxCorrections = 3;

    /// <summary>Items read to find how an indexed word is written.</summary>
    private const int WrittenFormSamples = 3;

    private bool _vocabularyReady;

    /// <summary>Indexed words (as quoted FTS5 strings) within a slip or two of <paramref name="quotedTerm"/>, a quoted word that matched nothing.</summary>
    public List<string> SpellingNeighbours(string quotedTerm)
    {
        var word = Unquote(quotedTerm);
        if (word.Length < MinSpellingChars || !word.All(char.IsLetter))
        {
            return [];
        }

        if (!_vocabularyReady)
        {
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.memory_fts_vocabulary USING fts5vocab(main, memory_fts, row);";
            create.ExecuteNonQuery();
            _vocabularyReady = true;
        }

        // Words that start with the same letter: a slip in the first letter is rare, and the range keeps the scan small.
        var bound = SpellingDistance.SlipsAllowed(word);
        var command = _commands.Get("SELECT term, doc FROM temp.memory_fts_vocabulary WHERE term >= $low AND term < $high;", null);
        command.Parameters.AddWithValue("$low", word[..1]);
        command.Parameters.AddWithValue("$high", ((char)(word[0] + 1)).ToString());
        var found = new List<(string Term, int Distance, long Documents)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var term = reader.GetString(0);
                var distance = SpellingDistance.ToStem(word, term, bound);
                if (distance <= bound && term.Length >= MinSpellingChars - 1)
                {
                    found.Add((term, distance, reader.GetInt64(1)));
                }
            }
        }

        return found
            .OrderBy(f => f.Distance)
            .ThenByDescending(f => f.Documents)
            .ThenBy(f => f.Term, StringComparer.Ordinal)
            .Take(MaxCorrections)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"\"{f.Term}\""))
            .ToList();
    }

    /// <summary>
    /// How an item writes the indexed word <paramref name="quotedTerm"/> (the index keeps Porter stems: "pastim" is
    /// written "pastime"): of the words in a few items that hold it, the one nearest to <paramref name="misspelt"/>.
    /// </summary>
    private string? WrittenForm(string quotedTerm, string misspelt)
    {
        var command = _commands.Get(
            "SELECT m.text FROM memory_fts JOIN memory_items m ON m.item_no = memory_fts.rowid WHERE memory_fts MATCH $match LIMIT $limit;",
            null);
        command.Parameters.AddWithValue("$match", quotedTerm);
        command.Parameters.AddWithValue("$limit", WrittenFormSamples);
        var bound = SpellingDistance.SlipsAllowed(misspelt) + 1;
        var best = (Word: (string?)null, Distance: bound + 1);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            foreach (var word in WordTokenizer.Words(reader.GetString(0)))
            {
                var distance = SpellingDistance.Within(misspelt, word, bound);
                if (distance < best.Distance)
                {
                    best = (word, distance);
                }
            }
        }

        return best.Word;
    }

    /// <summary>The word inside a quoted FTS5 string, or an empty string for anything else (a prefix term).</summary>
    private static string Unquote(string quotedTerm) =>
        quotedTerm.Length < 2 || quotedTerm[0] != '"' || quotedTerm[^1] != '"'
            ? string.Empty
            : quotedTerm[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
}
