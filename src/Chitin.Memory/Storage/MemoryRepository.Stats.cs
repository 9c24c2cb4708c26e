namespace Chitin.Memory.Storage;

/// <summary>
/// The counts of <c>chitin memory stats</c>, read from the counter tables the triggers keep (a few rows whatever the
/// store's size). Items past their expiry still count as current there, so they are read through the partial index of
/// current items that expire (only those rows) and subtracted.
/// </summary>
internal sealed partial class MemoryRepository
{
    public MemoryStats Stats(DateTimeOffset now, string embedder)
    {
        var counts = new List<(string Layer, string Scope, bool Ended, bool Pinned, long Count)>();
        using (var reader = _commands.Get("SELECT layer, scope, ended, pinned, n FROM memory_counts WHERE n <> 0;", null).ExecuteReader())
        {
            while (reader.Read())
            {
                counts.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0, reader.GetInt64(4)));
            }
        }

        var expiredCommand = _commands.Get(
            """
            SELECT layer, scope, pinned <> 0, count(*) FROM memory_items INDEXED BY memory_items_expiring
            WHERE valid_to IS NULL AND expires_at IS NOT NULL AND expires_at <= $now GROUP BY 1, 2, 3;
            """,
            null);
        expiredCommand.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        using (var reader = expiredCommand.ExecuteReader())
        {
            while (reader.Read())
            {
                // Counted as expired, not current: a negative current row cancels it in every sum below.
                counts.Add((reader.GetString(0), reader.GetString(1), false, reader.GetInt64(2) != 0, -reader.GetInt64(3)));
            }
        }

        var total = counts.Where(c => c.Count > 0).Sum(c => c.Count);
        var expired = -counts.Where(c => c.Count < 0).Sum(c => c.Count);
        var current = counts.Where(c => !c.Ended).ToList();
        var embedded = CountVectors(embedder);
        return new MemoryStats
        {
            Total = total,
            Current = current.Sum(c => c.Count),
            Superseded = counts.Where(c => c.Ended).Sum(c => c.Count),
            Expired = expired,
            Pinned = current.Where(c => c.Pinned).Sum(c => c.Count),
            OpenConflicts = OpenConflictCount(now),
            ByLayer = Group(current, c => c.Layer),
            ByScope = Group(current, c => c.Scope),
            Embedder = embedder,
            Embedded = embedded,
            AwaitingEmbedding = Math.Max(0, total - embedded),
        };

        static Dictionary<string, long> Group(List<(string Layer, string Scope, bool Ended, bool Pinned, long Count)> rows, Func<(string Layer, string Scope, bool Ended, bool Pinned, long Count), string> key) =>
            rows.GroupBy(key).Select(g => (g.Key, Sum: g.Sum(r => r.Count))).Where(g => g.Sum > 0)
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum, StringComparer.Ordinal);
    }

    /// <summary>Open conflicts whose sides are both still current (or the newer replaced the older); reads only the open ones.</summary>
    private long OpenConflictCount(DateTimeOffset now)
    {
        var command = _commands.Get(
            """
            SELECT count(*) FROM memory_conflicts c
              JOIN memory_items e ON e.id = c.existing_id
              JOIN memory_items i ON i.id = c.incoming_id
            WHERE c.status = 'open'
              AND ((e.valid_to IS NULL AND (e.expires_at IS NULL OR e.expires_at > $now)) OR e.superseded_by = i.id)
              AND i.valid_to IS NULL AND (i.expires_at IS NULL OR i.expires_at > $now);
            """,
            null);
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
