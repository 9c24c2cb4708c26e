namespace Chitin.Memory.Storage;

/// <summary>
/// The memory component's tables in the shared Chitin database file, opened through the shared opener and
/// versioned as the "memory" row of <c>chitin_schema</c>. Statements are idempotent so that files written before
/// the shared version table are adopted as they are.
/// </summary>
internal static class MemorySchema
{
    private const string Version1 = """
        CREATE TABLE IF NOT EXISTS memory_items (
            item_no          INTEGER PRIMARY KEY,
            id               TEXT    NOT NULL UNIQUE,
            text             TEXT    NOT NULL,
            norm_hash        INTEGER NOT NULL,
            layer            TEXT    NOT NULL,
            scope            TEXT    NOT NULL,
            scope_key        TEXT    NOT NULL,
            subject          TEXT,
            subject_explicit INTEGER NOT NULL DEFAULT 0,
            tags             TEXT    NOT NULL DEFAULT '[]',
            pinned           INTEGER NOT NULL DEFAULT 0,
            source_kind      TEXT    NOT NULL,
            source_ref       TEXT,
            source_line      INTEGER,
            origin_session   TEXT,
            created_at       TEXT    NOT NULL,
            updated_at       TEXT    NOT NULL,
            valid_from       TEXT    NOT NULL,
            valid_to         TEXT,
            expires_at       TEXT,
            supersedes       TEXT,
            superseded_by    TEXT,
            end_reason       TEXT,
            embedder         TEXT,
            vector           BLOB
        ) STRICT;
        CREATE INDEX IF NOT EXISTS memory_items_current_subject ON memory_items (scope, scope_key, layer, subject) WHERE valid_to IS NULL;
        CREATE INDEX IF NOT EXISTS memory_items_current_text ON memory_items (scope, scope_key, layer, norm_hash) WHERE valid_to IS NULL;
        CREATE INDEX IF NOT EXISTS memory_items_by_created ON memory_items (created_at, item_no);
        CREATE INDEX IF NOT EXISTS memory_items_pinned_by_created ON memory_items (created_at, item_no) WHERE pinned = 1;
        CREATE INDEX IF NOT EXISTS memory_items_by_source ON memory_items (source_ref) WHERE source_ref IS NOT NULL;

        -- Append-only: rows are never updated except that a hard delete blanks the deleted item's texts.
        CREATE TABLE IF NOT EXISTS memory_history (
            seq        INTEGER PRIMARY KEY,
            item_id    TEXT NOT NULL,
            change     TEXT NOT NULL,
            at         TEXT NOT NULL,
            text       TEXT NOT NULL,
            reason     TEXT,
            related_id TEXT
        ) STRICT;
        CREATE INDEX IF NOT EXISTS memory_history_by_item ON memory_history (item_id, seq);

        CREATE TABLE IF NOT EXISTS memory_conflicts (
            id          INTEGER PRIMARY KEY,
            existing_id TEXT NOT NULL REFERENCES memory_items (id) ON DELETE CASCADE,
            incoming_id TEXT NOT NULL REFERENCES memory_items (id) ON DELETE CASCADE,
            reason      TEXT NOT NULL,
            at          TEXT NOT NULL,
            status      TEXT NOT NULL DEFAULT 'open',
            resolution  TEXT,
            resolved_at TEXT
        ) STRICT;
        CREATE INDEX IF NOT EXISTS memory_conflicts_by_status ON memory_conflicts (status, id);
        CREATE INDEX IF NOT EXISTS memory_conflicts_by_existing ON memory_conflicts (existing_id);
        CREATE INDEX IF NOT EXISTS memory_conflicts_by_incoming ON memory_conflicts (incoming_id);

        -- External-content full-text index over memory_items, kept in step by the triggers below.
        CREATE VIRTUAL TABLE IF NOT EXISTS memory_fts USING fts5(
            text, tags, subject,
            content = 'memory_items', content_rowid = 'item_no',
            tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TRIGGER IF NOT EXISTS memory_items_fts_insert AFTER INSERT ON memory_items BEGIN
            INSERT INTO memory_fts (rowid, text, tags, subject) VALUES (new.item_no, new.text, new.tags, new.subject);
        END;
        CREATE TRIGGER IF NOT EXISTS memory_items_fts_delete AFTER DELETE ON memory_items BEGIN
            INSERT INTO memory_fts (memory_fts, rowid, text, tags, subject) VALUES ('delete', old.item_no, old.text, old.tags, old.subject);
        END;
        CREATE TRIGGER IF NOT EXISTS memory_items_fts_update AFTER UPDATE OF text, tags, subject ON memory_items BEGIN
            INSERT INTO memory_fts (memory_fts, rowid, text, tags, subject) VALUES ('delete', old.item_no, old.text, old.tags, old.subject);
            INSERT INTO memory_fts (rowid, text, tags, subject) VALUES (new.item_no, new.text, new.tags, new.subject);
        END;
        """;

    // Vectors move out of the item rows into their own table as int8 (scale 0 marks a float32 vector carried over
    // from version 1, quantised when loaded), so scans of the items (stats, lists, imports) stay lean and a store
    // opens without touching a vector.
    private const string Version2 = """
        CREATE TABLE IF NOT EXISTS memory_vectors (
            item_no  INTEGER PRIMARY KEY REFERENCES memory_items (item_no) ON DELETE CASCADE,
            embedder TEXT NOT NULL,
            scale    REAL NOT NULL,
            vector   BLOB NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS memory_vectors_by_embedder ON memory_vectors (embedder);
        -- Covers every column the counts of `chitin memory stats` read, so they scan a narrow index, not the rows.
        CREATE INDEX IF NOT EXISTS memory_items_state ON memory_items (layer, scope, valid_to, expires_at, pinned);
        INSERT OR IGNORE INTO memory_vectors (item_no, embedder, scale, vector)
            SELECT item_no, embedder, 0, vector FROM memory_items WHERE vector IS NOT NULL AND embedder IS NOT NULL;
        ALTER TABLE memory_items DROP COLUMN vector;
        ALTER TABLE memory_items DROP COLUMN embedder;
        """;

    // Counts kept by triggers, so `chitin memory stats` (and any open that reports counts) reads a handful of rows
    // however large the store is. Expiry depends on the clock, so it is not counted: items past their expiry are found
    // through a partial index holding only the current items that expire, and subtracted.
    private const string Version3 = """
        CREATE TABLE IF NOT EXISTS memory_counts (
            layer  TEXT    NOT NULL,
            scope  TEXT    NOT NULL,
            ended  INTEGER NOT NULL,
            pinned INTEGER NOT NULL,
            n      INTEGER NOT NULL,
            PRIMARY KEY (layer, scope, ended, pinned)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS memory_vector_counts (
            embedder TEXT    NOT NULL PRIMARY KEY,
            n        INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        DELETE FROM memory_counts;
        INSERT INTO memory_counts (layer, scope, ended, pinned, n)
            SELECT layer, scope, valid_to IS NOT NULL, pinned <> 0, count(*) FROM memory_items GROUP BY 1, 2, 3, 4;
        DELETE FROM memory_vector_counts;
        INSERT INTO memory_vector_counts (embedder, n) SELECT embedder, count(*) FROM memory_vectors GROUP BY embedder;
        CREATE INDEX IF NOT EXISTS memory_items_expiring ON memory_items (expires_at) WHERE valid_to IS NULL AND expires_at IS NOT NULL;
        DROP INDEX IF EXISTS memory_items_state;

        CREATE TRIGGER IF NOT EXISTS memory_items_count_insert AFTER INSERT ON memory_items BEGIN
            INSERT INTO memory_counts (layer, scope, ended, pinned, n) VALUES (new.layer, new.scope, new.valid_to IS NOT NULL, new.pinned <> 0, 1)
                ON CONFLICT (layer, scope, ended, pinned) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS memory_items_count_delete AFTER DELETE ON memory_items BEGIN
            UPDATE memory_counts SET n = n - 1
            WHERE layer = old.layer AND scope = old.scope AND ended = (old.valid_to IS NOT NULL) AND pinned = (old.pinned <> 0);
        END;
        CREATE TRIGGER IF NOT EXISTS memory_items_count_update AFTER UPDATE OF layer, scope, valid_to, pinned ON memory_items
        WHEN old.layer IS NOT new.layer OR old.scope IS NOT new.scope
          OR (old.valid_to IS NULL) <> (new.valid_to IS NULL) OR (old.pinned <> 0) <> (new.pinned <> 0)
        BEGIN
            UPDATE memory_counts SET n = n - 1
            WHERE layer = old.layer AND scope = old.scope AND ended = (old.valid_to IS NOT NULL) AND pinned = (old.pinned <> 0);
            INSERT INTO memory_counts (layer, scope, ended, pinned, n) VALUES (new.layer, new.scope, new.valid_to IS NOT NULL, new.pinned <> 0, 1)
                ON CONFLICT (layer, scope, ended, pinned) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS memory_vectors_count_insert AFTER INSERT ON memory_vectors BEGIN
            INSERT INTO memory_vector_counts (embedder, n) VALUES (new.embedder, 1) ON CONFLICT (embedder) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS memory_vectors_count_delete AFTER DELETE ON memory_vectors BEGIN
            UPDATE memory_vector_counts SET n = n - 1 WHERE embedder = old.embedder;
        END;
        CREATE TRIGGER IF NOT EXISTS memory_vectors_count_update AFTER UPDATE OF embedder ON memory_vectors WHEN old.embedder IS NOT new.embedder BEGIN
            UPDATE memory_vector_counts SET n = n - 1 WHERE embedder = old.embedder;
            INSERT INTO memory_vector_counts (embedder, n) VALUES (new.embedder, 1) ON CONFLICT (embedder) DO UPDATE SET n = n + 1;
        END;
        """;

    public static SchemaComponent Component { get; } = new(
        "memory",
        [
            new(1, "memory items, history, conflicts, full-text index", Version1),
            new(2, "int8 vectors in their own table", Version2),
            new(3, "item and vector counts kept by triggers", Version3),
        ]);

    /// <summary>
    /// Page cache of the store's connection, in KiB (SQLite's default is 2 MB, smaller than the random-keyed indexes
    /// (id, text hash) of a 100,000-item store, which bulk saves touch on every row). Pages are allocated as used.
    /// </summary>
    public const int CacheKiB = 32_768;

    /// <summary>
    /// Besides the cache size, statement journals stay in memory: every insert fires triggers (full-text index,
    /// counters), so SQLite journals the pages each statement changes, and once a transaction's journal passed 64 KiB
    /// it went to a temporary file — about 14 small file writes per imported item, most of an import's system time.
    /// </summary>
    public static SqliteConnection Open(string databasePath)
    {
        var connection = ChitinDatabase.Open(databasePath, Component, "open its memory tables");
        connection.Execute($"PRAGMA cache_size = -{CacheKiB};");
        connection.Execute("PRAGMA temp_store = MEMORY;");
        return connection;
    }

    public static void Close(SqliteConnection connection) => ChitinDatabase.Close(connection);
}
