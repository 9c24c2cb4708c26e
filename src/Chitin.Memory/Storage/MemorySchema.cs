using System.Globalization;
using Chitin.Core.Safety;
using Microsoft.Data.Sqlite;

namespace Chitin.Memory.Storage;

/// <summary>
/// Opens the memory store's own connection to the shared Chitin database file and creates the memory tables
/// idempotently in one IMMEDIATE transaction. The tables live next to Chitin.Storage's sessions and usage; the memory
/// schema is versioned in its own <c>memory_schema</c> table (Chitin.Storage owns <c>PRAGMA user_version</c>).
/// </summary>
internal static class MemorySchema
{
    /// <summary>"CHIT" in ASCII: the value Chitin.Storage stores in <c>PRAGMA application_id</c>.</summary>
    public const int ApplicationId = 0x43484954;

    public const int Version = 1;

    private const int BusyTimeoutMs = 10_000;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS memory_schema (
            key   TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;

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

    public static SqliteConnection Open(string databasePath)
    {
        CreateFolder(databasePath);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // One connection for the store's lifetime; without pooling, disposing it releases the file.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            EnsureWritable(connection, databasePath);
            Execute(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMs};");

            // Before switching to WAL, which rewrites the header: another application's file must stay byte-identical.
            EnsureChitinDatabase(connection, null, databasePath);
            Execute(connection, null, "PRAGMA journal_mode = WAL;");
            Execute(connection, null, "PRAGMA synchronous = NORMAL;");
            Execute(connection, null, "PRAGMA foreign_keys = ON;");
            CreateTables(connection, databasePath);
            return connection;
        }
        catch (SqliteException ex)
        {
            Close(connection);
            throw MemoryStoreErrors.From(ex, databasePath, "open its memory tables");
        }
        catch
        {
            Close(connection);
            throw;
        }
    }

    public static void Close(SqliteConnection connection)
    {
        SqliteConnection.ClearPool(connection);
        connection.Dispose();
    }

    private static void CreateTables(SqliteConnection connection, string databasePath)
    {
        using var transaction = connection.BeginTransaction(deferred: false);

        // Again inside the write lock: another process may have created the file in between.
        var applicationId = EnsureChitinDatabase(connection, transaction, databasePath);
        Execute(connection, transaction, Tables);
        var stored = ReadVersion(connection, transaction);
        if (stored > Version)
        {
            throw new MemoryStoreException(
                MemoryStoreErrorKind.NewerSchema,
                databasePath,
                $"The memory tables in '{databasePath}' were written by a newer Chitin (memory schema version {stored}; this Chitin knows up to {Version}). " +
                "Upgrade Chitin to open it, or point Chitin at another database file.");
        }

        if (stored < Version)
        {
            Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"INSERT OR REPLACE INTO memory_schema (key, value) VALUES ('version', '{Version}');"));
        }

        if (applicationId == 0)
        {
            Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId};"));
        }

        transaction.Commit();
    }

    /// <summary>Refuses a database of another application; returns its application id (0 for a new file).</summary>
    private static int EnsureChitinDatabase(SqliteConnection connection, SqliteTransaction? transaction, string databasePath)
    {
        var applicationId = ReadInt(connection, transaction, "PRAGMA application_id;");
        var foreign = applicationId != 0 && applicationId != ApplicationId;
        if (applicationId == 0 && ReadInt(connection, transaction, "PRAGMA user_version;") == 0)
        {
            // A brand-new file has no objects; an unversioned, unmarked file with tables belongs to someone else.
            foreign = ReadInt(connection, transaction, "SELECT count(*) FROM sqlite_schema;") > 0;
        }

        if (foreign)
        {
            throw new MemoryStoreException(
                MemoryStoreErrorKind.NotAChitinDatabase,
                databasePath,
                $"'{databasePath}' is a SQLite database of another application, not a Chitin database. " +
                "Point Chitin at another file; Chitin will not modify this one.");
        }

        return applicationId;
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM memory_schema WHERE key = 'version';";
        return command.ExecuteScalar() is string text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
    }

    private static void CreateFolder(string databasePath)
    {
        try
        {
            OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MemoryStoreException(
                MemoryStoreErrorKind.CannotOpen,
                databasePath,
                $"Cannot create the folder for the Chitin database '{databasePath}': {ex.Message} Check the path and its permissions, or choose another location.",
                ex);
        }

        OwnerOnly.TryCreateFile(databasePath);
    }

    /// <summary>SQLite silently falls back to read-only when the file is not writable; fail early with a clear message instead.</summary>
    private static void EnsureWritable(SqliteConnection connection, string databasePath)
    {
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            throw new MemoryStoreException(
                MemoryStoreErrorKind.ReadOnly,
                databasePath,
                $"The Chitin database '{databasePath}' is read-only. " +
                "Make the file and its folder writable (for example chmod u+w), or point Chitin at another database file.");
        }
    }

    private static int ReadInt(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
