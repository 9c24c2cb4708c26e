namespace Chitin.Memory.Storage;

/// <summary>
/// The words of one lexical search, counted once: each quoted FTS5 term with how many items hold it (counted no
/// further than <see cref="Cap"/> + 1), indexed words standing in for misspelt ones included, and the spelling
/// corrections themselves (a misspelt query word → the likeliest indexed word as it is written in an item).
/// </summary>
/// <param name="Total">Items in the store (for the IDF of each word).</param>
/// <param name="Cap">A word in more items than this is too common to gather candidates by.</param>
/// <param name="Counted">Every term with its bounded match count, including those no item holds.</param>
/// <param name="Corrections">Lower-case misspelt query words and the written word that best replaces each.</param>
internal sealed record LexicalTerms(
    long Total,
    int Cap,
    IReadOnlyList<(string Term, int Rows)> Counted,
    IReadOnlyDictionary<string, string> Corrections);
