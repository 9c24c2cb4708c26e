using System.Globalization;
using Chitin.Memory.Retrieval;

namespace Chitin.Memory.Storage;

/// <summary>
/// Misspelt search words: a query word that no item contains is matched against the full-text index's own vocabulary
/// (FTS5's fts5vocab over memory_fts, a temporary table of this connection, so the schema does not change), and the
/// indexed words within one typing slip (two for long words) join the search. Only words that match nothing pay for it.
/// </summary>
internal sealed partial class MemoryRepository
{
    /// <summary>Shorter words have too many neighbours one slip away to guess from.</summary>
    private const int MinSpellingChars = 4;

    private const int LongWordChars = 7;

    /// <summary>At most this many corrections per misspelt word, nearest and most common first.</summary>
    private const int MaxCorrections = 3;

    private bool _vocabularyReady;

    /// <summary>Indexed words (as quoted FTS5 strings) within a slip or two of <paramref name="quotedTerm"/>, a quoted word that matched nothing.</summary>
    public List<string> SpellingNeighbours(string quotedTerm)
    {
        if (quotedTerm.Length < 2 || quotedTerm[0] != '"' || quotedTerm[^1] != '"')
        {
            return [];
        }

        var word = quotedTerm[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
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
        var bound = word.Length >= LongWordChars ? 2 : 1;
        var command = _commands.Get("SELECT term, doc FROM temp.memory_fts_vocabulary WHERE term >= $low AND term < $high;", null);
        command.Parameters.AddWithValue("$low", word[..1]);
        command.Parameters.AddWithValue("$high", ((char)(word[0] + 1)).ToString());
        var found = new List<(string Term, int Distance, long Documents)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var term = reader.GetString(0);
                var distance = SpellingDistance.Within(word, term, bound);
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
}
