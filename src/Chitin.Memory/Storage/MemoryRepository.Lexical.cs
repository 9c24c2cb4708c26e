namespace Chitin.Memory.Storage;

/// <summary>
/// Lexical ranking that keeps its cost and its recall as the store grows. FTS5's bm25() is exact but costs microseconds
/// per matching row, too much for words found in tens of thousands of items; so ranking runs in two steps:
/// <list type="number">
/// <item>Candidates: every query word found in at most <see cref="SelectiveShare"/> of the items (a share, not a count,
/// so the same words count as selective at 5,000 and at 100,000 items) contributes its rows, scored inside SQLite by the
/// sum of the words' IDF; the best <see cref="RerankPool"/> are kept.</item>
/// <item>Ranking: bm25() over all query words (prefix term included), computed for those candidates only in one pass
/// over the words' doclists, then the filter and the LIMIT.</item>
/// <item>If that leaves room and some words were too common, the newest items holding all the words, then any of
/// them, fill the rest below the ranked ones (for search, not for save's near-duplicate check).</item>
/// </list>
/// </summary>
internal sealed partial class MemoryRepository
{
    /// <summary>A word in more than this share of the items is too common to gather candidates by; it still counts in BM25.</summary>
    private const double SelectiveShare = 0.02;

    private const int MinTermRows = 100;

    /// <summary>Rows read to gather candidates, over all words of one query.</summary>
    private const int CandidateRowBudget = 10_000;

    private const int RerankPool = 200;

    /// <summary>Save's near-duplicate check looks at words in at most this many items: a near-duplicate shares most words, so some rare ones.</summary>
    private const int NeighbourTermRows = 256;

    /// <summary>BM25 column weights: text, tags, subject.</summary>
    private const string Bm25 = "bm25(memory_fts, 1.0, 0.5, 0.5)";

    private const string LexicalColumns =
        "m.item_no, m.scope, m.scope_key, m.layer, m.origin_session, m.valid_from, m.valid_to, m.expires_at, m.pinned";

    /// <summary>
    /// Counts how many items hold each word (no further than the selectivity cap). With <paramref name="correctSpelling"/>,
    /// a word no item holds is likely misspelt: the indexed words a slip away join the search, and the nearest one, as
    /// an item writes it, is kept as the word's correction.
    /// </summary>
    public LexicalTerms CountTerms(IReadOnlyList<string> terms, bool correctSpelling, int? termRowCap = null)
    {
        var total = Math.Max(1L, ItemCount());
        var cap = termRowCap ?? (int)Math.Max(MinTermRows, total * SelectiveShare);
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var all = terms.Select(t => (Term: t, Rows: BoundedMatchCount(t, cap + 1))).ToList();
            if (correctSpelling)
            {
                foreach (var missing in all.Where(t => t.Rows == 0).Select(t => t.Term).ToList())
                {
                    var neighbours = SpellingNeighbours(missing);
                    all.AddRange(neighbours.Where(n => !all.Exists(t => t.Term == n)).Select(n => (Term: n, Rows: BoundedMatchCount(n, cap + 1))));
                    if (neighbours.Count > 0 && WrittenForm(neighbours[0], Unquote(missing)) is { } written)
                    {
                        corrections[Unquote(missing)] = written;
                    }
                }
            }

            return new LexicalTerms(total, cap, all, corrections);
        }
        catch (SqliteException ex) when (IsFullTextQueryError(ex))
        {
            return new LexicalTerms(total, cap, [], corrections);
        }
    }

    /// <summary>The best lexical matches the filter lets through, best first (score = −bm25, higher is better).</summary>
    public List<RankedCandidate> Lexical(IReadOnlyList<string> terms, ItemFilter filter, int limit, bool fillWithRecent, int? termRowCap = null) =>
        terms.Count == 0 ? [] : Lexical(CountTerms(terms, fillWithRecent, termRowCap), filter, limit, fillWithRecent);

    /// <summary>
    /// The best lexical matches the filter lets through of words counted by <see cref="CountTerms"/>, best first
    /// (score = −bm25, higher is better).
    /// </summary>
    public List<RankedCandidate> Lexical(LexicalTerms terms, ItemFilter filter, int limit, bool fillWithRecent)
    {
        try
        {
            var (total, cap) = (terms.Total, terms.Cap);
            var counted = terms.Counted.Where(t => t.Rows > 0).OrderBy(t => t.Rows).ToList();
            if (counted.Count == 0)
            {
                return [];
            }

            var selective = new List<(string Term, double Idf)>();
            var budget = CandidateRowBudget;
            foreach (var (term, rows) in counted.Where(t => t.Rows <= cap))
            {
                if (rows > budget)
                {
                    break;
                }

                budget -= rows;
                selective.Add((term, Math.Log(1 + ((total - rows + 0.5) / (rows + 0.5)))));
            }

            var narrow = filter.Scopes is not null || filter.Layers is not null || filter.ScopeKey is not null;
            var candidates = selective.Count == 0 ? [] : SelectiveCandidates(selective, narrow ? filter : null, Math.Max(RerankPool, limit));
            var words = counted.Select(t => t.Term).ToList();
            var ranking = candidates.Count == 0 ? [] : Rank(FtsQueryBuilder.Or(words), candidates, filter, limit);
            if (fillWithRecent && ranking.Count < limit && selective.Count < counted.Count)
            {
                // Some words were too common to gather candidates by: the newest items holding all of them, then any.
                var floor = ranking.Count > 0 ? ranking[^1].Score : 1.0;
                if (words.Count > 1)
                {
                    AddNewest(FtsQueryBuilder.And(words), filter, limit, ranking, floor / 2);
                }

                if (ranking.Count < limit)
                {
                    AddNewest(FtsQueryBuilder.Or(words), filter, limit, ranking, (ranking.Count > 0 ? ranking[^1].Score : floor) / 2);
                }
            }

            return ranking;
        }
        catch (SqliteException ex) when (IsFullTextQueryError(ex))
        {
            // The builder quotes every word, so this should not happen; if FTS5 still objects, lexical search finds nothing.
            return [];
        }
    }

    /// <summary>Items in the table, from the row-number counter (one index seek; deleted rows barely matter to an IDF).</summary>
    public long LastItemNo() => ItemCount();

    private long ItemCount() =>
        Convert.ToInt64(_commands.Get("SELECT coalesce(max(item_no), 0) FROM memory_items;", null).ExecuteScalar(), CultureInfo.InvariantCulture);

    /// <summary>How many items contain the term, counting no further than <paramref name="cap"/>.</summary>
    private int BoundedMatchCount(string quotedTerm, int cap)
    {
        var command = _commands.Get("SELECT count(*) FROM (SELECT 1 FROM memory_fts WHERE memory_fts MATCH $match LIMIT $cap);", null);
        command.Parameters.AddWithValue("$match", quotedTerm);
        command.Parameters.AddWithValue("$cap", cap);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of the selective words, best sum of IDF first, newest first among equals.</summary>
    private HashSet<long> SelectiveCandidates(List<(string Term, double Idf)> selective, ItemFilter? filter, int pool)
    {
        var union = string.Join(
            " UNION ALL ",
            selective.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"SELECT rowid AS item_no, $w{i} AS w FROM memory_fts WHERE memory_fts MATCH $t{i}")));
        var sql = new StringBuilder($"SELECT t.item_no FROM ({union}) t");
        if (filter is not null)
        {
            sql.Append($" JOIN memory_items m ON m.item_no = t.item_no WHERE {filter.ToSql("m")}");
        }

        sql.Append(" GROUP BY t.item_no ORDER BY sum(t.w) DESC, t.item_no DESC LIMIT $pool;");
        var command = _commands.Get(sql.ToString(), null);
        filter?.Bind(command.Parameters);
        for (var i = 0; i < selective.Count; i++)
        {
            command.Parameters.AddWithValue($"$t{i}", selective[i].Term);
            command.Parameters.AddWithValue($"$w{i}", selective[i].Idf);
        }

        command.Parameters.AddWithValue("$pool", pool);
        var rows = new HashSet<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }

    /// <summary>Appends the newest matches not yet ranked until <paramref name="ranking"/> holds <paramref name="limit"/>, with scores below <paramref name="fillScore"/>.</summary>
    private void AddNewest(string match, ItemFilter filter, int limit, List<RankedCandidate> ranking, double fillScore)
    {
        // Ordering by the FTS table's own rowid lets FTS5 walk its doclists newest first and stop at the limit.
        var command = _commands.Get(
            $"""
            SELECT {LexicalColumns}, 0.0 FROM memory_fts JOIN memory_items m ON m.item_no = memory_fts.rowid
            WHERE memory_fts MATCH $match AND {filter.ToSql("m")}
            ORDER BY memory_fts.rowid DESC LIMIT $limit;
            """,
            null);
        filter.Bind(command.Parameters);
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", limit + ranking.Count);
        var present = ranking.Select(r => r.ItemNo).ToHashSet();
        var score = fillScore;
        using var reader = command.ExecuteReader();
        while (ranking.Count < limit && reader.Read())
        {
            var candidate = ReadCandidate(reader, score);
            if (present.Add(candidate.ItemNo))
            {
                ranking.Add(candidate);
                score *= 0.99;
            }
        }
    }

    /// <summary>bm25() over every query word for the candidates only, filtered, best first.</summary>
    /// <remarks>
    /// One pass over the words' doclists with the candidates as a plain filter (the unary + keeps SQLite from handing
    /// the rowid list to FTS5 as a constraint). Seeking each candidate by rowid instead re-runs the query per candidate,
    /// and FTS5 then recounts every word's matching rows for bm25's IDF each time: 200 full doclist scans per search.
    /// </remarks>
    private List<RankedCandidate> Rank(string match, HashSet<long> candidates, ItemFilter filter, int limit)
    {
        var command = _commands.Get(
            $"""
            SELECT {LexicalColumns}, f.lexical_rank
            FROM (SELECT memory_fts.rowid AS item_no, {Bm25} AS lexical_rank FROM memory_fts
                  WHERE memory_fts MATCH $match AND +memory_fts.rowid IN (SELECT value FROM json_each($item_nos))) f
            CROSS JOIN memory_items m ON m.item_no = f.item_no
            WHERE {filter.ToSql("m")}
            ORDER BY f.lexical_rank, m.item_no DESC LIMIT $limit;
            """,
            null);
        filter.Bind(command.Parameters);
        command.Parameters.AddWithValue("$item_nos", "[" + string.Join(',', candidates.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]");
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", limit);
        var ranking = new List<RankedCandidate>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ranking.Add(ReadCandidate(reader, -reader.GetDouble(9)));
        }

        return ranking;
    }

    private static RankedCandidate ReadCandidate(SqliteDataReader reader, double score)
    {
        return new RankedCandidate(reader.GetInt64(0), score, ReadEntry(reader, 1));
    }

    /// <summary>The index entry in the eight columns from <paramref name="first"/>: scope, scope_key, layer, origin_session, valid_from, valid_to, expires_at, pinned.</summary>
    private static VectorEntry ReadEntry(SqliteDataReader reader, int first) => new(
        StoredNames.Parse<MemoryScope>(reader.GetString(first)),
        reader.GetString(first + 1),
        StoredNames.Parse<MemoryLayer>(reader.GetString(first + 2)),
        reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        TimestampColumn.Parse(reader.GetString(first + 4)),
        !reader.IsDBNull(first + 5),
        reader.IsDBNull(first + 6) ? null : TimestampColumn.Parse(reader.GetString(first + 6)),
        reader.GetInt64(first + 7) != 0);

    private static bool IsFullTextQueryError(SqliteException exception) =>
        DatabaseErrors.Primary(exception) == SqliteResultCode.Error && exception.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase);
}
