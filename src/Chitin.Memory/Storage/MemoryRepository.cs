namespace Chitin.Memory.Storage;

/// <summary>
/// Every SQL statement of the memory store, synchronous, on one connection with cached prepared commands.
/// The caller holds the store's lock and owns transactions.
/// </summary>
internal sealed partial class MemoryRepository(SqliteConnection connection) : IDisposable
{
    private const string CurrentSql = "m.valid_to IS NULL AND (m.expires_at IS NULL OR m.expires_at > $now)";

    private readonly StatementCache _commands = new(connection);

    private readonly TimestampText _timestamps = new();

    public SqliteTransaction Begin() => connection.BeginTransaction(deferred: false);

    /// <summary>The highest history sequence number (0 for an empty store); one index look-up, prepared once.</summary>
    public long ChangeStamp() => _commands.Get("SELECT max(seq) FROM memory_history;").ExecuteScalar() is long seq ? seq : 0;

    public StoredItem? Get(string id, SqliteTransaction? transaction)
    {
        var command = _commands.Get($"SELECT {ItemRows.Columns()} FROM memory_items m WHERE m.id = $id;", transaction);
        command.Parameters.AddWithValue("$id", id);
        return ItemRows.ReadAll(command).FirstOrDefault();
    }

    /// <summary>
    /// Current items of the draft's scope, key and layer that could be the same fact: same subject, same normalised
    /// text, or among the best BM25 matches of its rarer words.
    /// </summary>
    public List<StoredItem> Candidates(PreparedDraft draft, IReadOnlyList<string> terms, int textMatches, DateTimeOffset now)
    {
        // Two statements, so that each uses its own partial index (an OR of both would scan the whole scope).
        var candidates = new List<StoredItem>();
        if (draft.Subject is not null)
        {
            candidates.AddRange(SameScopeWhere("m.subject = $value", draft, draft.Subject, now));
        }

        var sameText = SameScopeWhere("m.norm_hash = $value", draft, draft.NormalizedHash, now);
        candidates.AddRange(sameText.Where(c => !candidates.Exists(x => x.ItemNo == c.ItemNo)).ToList());
        var sameScope = new ItemFilter
        {
            Scopes = [draft.Draft.Scope],
            ScopeKey = draft.ScopeKey,
            Layers = [draft.Draft.Layer],
            Now = now,
        };
        var similar = Lexical(terms, sameScope, textMatches, fillWithRecent: false, NeighbourTermRows).Select(c => c.ItemNo).Where(n => candidates.TrueForAll(c => c.ItemNo != n)).ToList();
        if (similar.Count > 0)
        {
            candidates.AddRange(Fetch(similar, sameScope).Values.OrderBy(c => c.ItemNo));
        }

        return candidates;
    }

    private List<StoredItem> SameScopeWhere(string condition, PreparedDraft draft, object value, DateTimeOffset now)
    {
        var command = _commands.Get(
            $"""
            SELECT {ItemRows.Columns()} FROM memory_items m
            WHERE m.scope = $scope AND m.scope_key = $scope_key AND m.layer = $layer AND {CurrentSql} AND {condition}
            ORDER BY m.item_no;
            """,
            null);
        command.Parameters.AddWithValue("$scope", StoredNames.Name(draft.Draft.Scope));
        command.Parameters.AddWithValue("$scope_key", draft.ScopeKey);
        command.Parameters.AddWithValue("$layer", StoredNames.Name(draft.Draft.Layer));
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        command.Parameters.AddWithValue("$value", value);
        return ItemRows.ReadAll(command);
    }

    public long Insert(SqliteTransaction transaction, PreparedDraft draft, string id, DateTimeOffset now, DateTimeOffset validFrom, string? supersedes)
    {
        var command = _commands.Reused(
            InsertSql,
            transaction,
            "$id", "$text", "$norm_hash", "$layer", "$scope", "$scope_key", "$subject", "$subject_explicit", "$tags", "$pinned",
            "$source_kind", "$source_ref", "$source_line", "$origin_session", "$now", "$valid_from", "$expires_at", "$supersedes");
        var source = draft.Draft.Source;
        var p = command.Parameters;
        p[0].Value = id;
        p[1].Value = draft.Text;
        p[2].Value = draft.NormalizedHash;
        p[3].Value = StoredNames.Name(draft.Draft.Layer);
        p[4].Value = StoredNames.Name(draft.Draft.Scope);
        p[5].Value = draft.ScopeKey;
        p[6].Value = (object?)draft.Subject ?? DBNull.Value;
        p[7].Value = draft.SubjectExplicit ? 1 : 0;
        p[8].Value = draft.Tags.Count == 0 ? "[]" : MemoryColumns.Tags(draft.Tags);
        p[9].Value = draft.Draft.Pinned ? 1 : 0;
        p[10].Value = StoredNames.Name(source.Kind);
        p[11].Value = (object?)source.Reference ?? DBNull.Value;
        p[12].Value = (object?)source.Line ?? DBNull.Value;
        p[13].Value = (object?)draft.OriginSession ?? DBNull.Value;
        p[14].Value = _timestamps.Of(now);
        p[15].Value = _timestamps.Of(validFrom);
        p[16].Value = MemoryColumns.OptionalTimestamp(draft.Draft.ExpiresAt);
        p[17].Value = (object?)supersedes ?? DBNull.Value;

        // The connection's last rowid, not RETURNING: a RETURNING statement buffers its rows and steps once more.
        command.ExecuteNonQuery();
        return SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle);
    }

    /// <summary>
    /// The "created" history rows of items just inserted by <see cref="Insert"/>, in the order given, in one statement
    /// per 1,000 that copies each row's text and time from the item itself: plain creates, with no reason and no related item.
    /// </summary>
    public void AppendCreatedHistory(SqliteTransaction transaction, IReadOnlyList<long> itemNos)
    {
        var command = _commands.Reused(CreatedHistorySql, transaction, "$item_nos");
        foreach (var chunk in itemNos.Chunk(1_000))
        {
            command.Parameters[0].Value = "[" + string.Join(',', chunk.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]";
            command.ExecuteNonQuery();
        }
    }

    private static readonly string CreatedHistorySql = $"""
        INSERT INTO memory_history (item_id, change, at, text, reason, related_id)
        SELECT m.id, '{StoredNames.Name(MemoryChangeKind.Created)}', m.created_at, m.text, NULL, NULL
        FROM json_each($item_nos) j JOIN memory_items m ON m.item_no = j.value
        ORDER BY j.key;
        """;

    private const string InsertSql = """
        INSERT INTO memory_items (id, text, norm_hash, layer, scope, scope_key, subject, subject_explicit, tags, pinned,
            source_kind, source_ref, source_line, origin_session, created_at, updated_at, valid_from, expires_at, supersedes)
        VALUES ($id, $text, $norm_hash, $layer, $scope, $scope_key, $subject, $subject_explicit, $tags, $pinned,
            $source_kind, $source_ref, $source_line, $origin_session, $now, $now, $valid_from, $expires_at, $supersedes);
        """;

    private const string HistorySql =
        "INSERT INTO memory_history (item_id, change, at, text, reason, related_id) VALUES ($item_id, $change, $at, $text, $reason, $related_id);";

    /// <summary>Ends a current item; false when it was not current any more.</summary>
    public bool End(SqliteTransaction transaction, string id, DateTimeOffset validTo, string? supersededBy, string reason, DateTimeOffset now)
    {
        var command = _commands.Get(
            """
            UPDATE memory_items SET valid_to = max($valid_to, valid_from), superseded_by = $superseded_by, end_reason = $reason, updated_at = $now
            WHERE id = $id AND valid_to IS NULL;
            """,
            transaction);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$valid_to", TimestampColumn.Text(validTo));
        command.Parameters.AddWithValue("$superseded_by", (object?)supersededBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Makes an item superseded by <paramref name="supersededBy"/> current again; false when it was ended otherwise.</summary>
    public bool Restore(SqliteTransaction transaction, string id, string supersededBy, DateTimeOffset now)
    {
        var command = _commands.Get(
            "UPDATE memory_items SET valid_to = NULL, superseded_by = NULL, end_reason = NULL, updated_at = $now WHERE id = $id AND superseded_by = $by;",
            transaction);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$by", supersededBy);
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        return command.ExecuteNonQuery() == 1;
    }

    public void SetSupersedesIfUnset(SqliteTransaction transaction, string id, string supersedes)
    {
        var command = _commands.Get("UPDATE memory_items SET supersedes = $supersedes WHERE id = $id AND supersedes IS NULL;", transaction);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$supersedes", supersedes);
        command.ExecuteNonQuery();
    }

    public void SetTags(SqliteTransaction transaction, string id, IReadOnlyList<string> tags, DateTimeOffset now)
    {
        var command = _commands.Get("UPDATE memory_items SET tags = $tags, updated_at = $now WHERE id = $id;", transaction);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$tags", MemoryColumns.Tags(tags));
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        command.ExecuteNonQuery();
    }

    public void SetPinned(SqliteTransaction transaction, string id, bool pinned, DateTimeOffset now)
    {
        var command = _commands.Get("UPDATE memory_items SET pinned = $pinned, updated_at = $now WHERE id = $id;", transaction);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$pinned", pinned ? 1 : 0);
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        command.ExecuteNonQuery();
    }

    /// <summary>Changes an item's text; its vector no longer fits and goes (the caller stores a new one).</summary>
    public void SetText(SqliteTransaction transaction, long itemNo, string text, long normalizedHash, string? subject, DateTimeOffset now)
    {
        var command = _commands.Get(
            "UPDATE memory_items SET text = $text, norm_hash = $norm_hash, subject = $subject, updated_at = $now WHERE item_no = $item_no;",
            transaction);
        command.Parameters.AddWithValue("$item_no", itemNo);
        command.Parameters.AddWithValue("$text", text);
        command.Parameters.AddWithValue("$norm_hash", normalizedHash);
        command.Parameters.AddWithValue("$subject", (object?)subject ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        command.ExecuteNonQuery();
        RemoveVector(transaction, itemNo);
    }

    /// <summary>Removes the item (its conflicts go with it) and blanks its texts in the history, keeping the entries.</summary>
    public void Delete(SqliteTransaction transaction, string id)
    {
        var delete = _commands.Get("DELETE FROM memory_items WHERE id = $id;", transaction);
        delete.Parameters.AddWithValue("$id", id);
        delete.ExecuteNonQuery();
        var blank = _commands.Get("UPDATE memory_history SET text = '' WHERE item_id = $id;", transaction);
        blank.Parameters.AddWithValue("$id", id);
        blank.ExecuteNonQuery();
    }

    public void AppendHistory(SqliteTransaction transaction, string itemId, MemoryChangeKind change, DateTimeOffset at, string text, string? reason, string? relatedId)
    {
        var command = _commands.Reused(HistorySql, transaction, "$item_id", "$change", "$at", "$text", "$reason", "$related_id");
        var p = command.Parameters;
        p[0].Value = itemId;
        p[1].Value = StoredNames.Name(change);
        p[2].Value = _timestamps.Of(at);
        p[3].Value = text;
        p[4].Value = (object?)reason ?? DBNull.Value;
        p[5].Value = (object?)relatedId ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    public List<MemoryHistoryEntry> History(string id)
    {
        var command = _commands.Get("SELECT seq, item_id, change, at, text, reason, related_id FROM memory_history WHERE item_id = $id ORDER BY seq;", null);
        command.Parameters.AddWithValue("$id", id);
        var entries = new List<MemoryHistoryEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new MemoryHistoryEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                StoredNames.Parse<MemoryChangeKind>(reader.GetString(2)),
                TimestampColumn.Parse(reader.GetString(3)),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return entries;
    }

    public long AddConflict(SqliteTransaction transaction, string existingId, string incomingId, string reason, DateTimeOffset at)
    {
        var command = _commands.Get(
            "INSERT INTO memory_conflicts (existing_id, incoming_id, reason, at) VALUES ($existing_id, $incoming_id, $reason, $at) RETURNING id;",
            transaction);
        command.Parameters.AddWithValue("$existing_id", existingId);
        command.Parameters.AddWithValue("$incoming_id", incomingId);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$at", TimestampColumn.Text(at));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Open conflicts, oldest first, with both items; or only the one with <paramref name="conflictId"/> (any status).</summary>
    public List<(MemoryConflict Conflict, bool Open)> Conflicts(long? conflictId, SqliteTransaction? transaction)
    {
        var command = _commands.Get(
            $"""
            SELECT c.id, c.reason, c.at, c.status, {ItemRows.Columns("e")}, {ItemRows.Columns("i")}
            FROM memory_conflicts c
            JOIN memory_items e ON e.id = c.existing_id
            JOIN memory_items i ON i.id = c.incoming_id
            WHERE {(conflictId is null ? "c.status = 'open'" : "c.id = $id")}
            ORDER BY c.id;
            """,
            transaction);
        if (conflictId is not null)
        {
            command.Parameters.AddWithValue("$id", conflictId.Value);
        }

        var conflicts = new List<(MemoryConflict, bool)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var existing = ItemRows.Read(reader, 4).Item;
            var incoming = ItemRows.Read(reader, 4 + ItemRows.ColumnCount).Item;
            conflicts.Add((
                new MemoryConflict(reader.GetInt64(0), existing, incoming, reader.GetString(1), TimestampColumn.Parse(reader.GetString(2))),
                reader.GetString(3) == "open"));
        }

        return conflicts;
    }

    public bool ConflictExists(long conflictId)
    {
        var command = _commands.Get("SELECT count(*) FROM memory_conflicts WHERE id = $id;", null);
        command.Parameters.AddWithValue("$id", conflictId);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    public void ResolveConflict(SqliteTransaction transaction, long conflictId, string resolution, DateTimeOffset now)
    {
        var command = _commands.Get("UPDATE memory_conflicts SET status = 'resolved', resolution = $resolution, resolved_at = $now WHERE id = $id;", transaction);
        command.Parameters.AddWithValue("$id", conflictId);
        command.Parameters.AddWithValue("$resolution", resolution);
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        command.ExecuteNonQuery();
    }

    public List<StoredItem> List(ItemFilter filter, MemoryListQuery query)
    {
        // Newest first: walk the creation-time index backwards and stop at the limit, unless a file's items are asked
        // for, which their own index finds directly. (Left alone, the planner prefers a scope index and sorts everything.)
        var index = query.SourceReference is not null ? ""
            : query.PinnedOnly ? " INDEXED BY memory_items_pinned_by_created"
            : " INDEXED BY memory_items_by_created";
        var sql = new StringBuilder($"SELECT {ItemRows.Columns()} FROM memory_items m{index} WHERE {filter.ToSql("m")}");
        if (query.SourceKind is not null)
        {
            sql.Append(" AND m.source_kind = $source_kind");
        }

        if (query.SourceReference is not null)
        {
            sql.Append(" AND m.source_ref = $source_ref");
        }

        if (query.PinnedOnly)
        {
            sql.Append(" AND m.pinned = 1");
        }

        sql.Append(" ORDER BY m.created_at DESC, m.item_no DESC LIMIT $limit OFFSET $offset;");
        var command = _commands.Get(sql.ToString(), null);
        filter.Bind(command.Parameters);
        if (query.SourceKind is not null)
        {
            command.Parameters.AddWithValue("$source_kind", StoredNames.Name(query.SourceKind.Value));
        }

        if (query.SourceReference is not null)
        {
            command.Parameters.AddWithValue("$source_ref", query.SourceReference);
        }

        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$offset", query.Offset);
        return ItemRows.ReadAll(command);
    }

    /// <summary>The items with these row numbers that the filter lets through (the SQL re-check of in-memory results).</summary>
    public Dictionary<long, StoredItem> Fetch(IReadOnlyCollection<long> itemNos, ItemFilter filter)
    {
        var command = _commands.Get(
            $"SELECT {ItemRows.Columns()} FROM memory_items m WHERE m.item_no IN (SELECT value FROM json_each($item_nos)) AND {filter.ToSql("m")};",
            null);
        filter.Bind(command.Parameters);
        command.Parameters.AddWithValue("$item_nos", "[" + string.Join(',', itemNos.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]");
        return ItemRows.ReadAll(command).ToDictionary(i => i.ItemNo);
    }

    public void Dispose() => _commands.Dispose();
}
