using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Chitin.Storage.Sqlite;

/// <summary>
/// The ordered schema history, tracked with <c>PRAGMA user_version</c>. Append new migrations at the end
/// (memory, skills, audit, ...); never edit one that has shipped.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>"CHIT" in ASCII, stored in <c>PRAGMA application_id</c> so foreign databases are recognised.</summary>
    public const int ApplicationId = 0x43484954;

    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "sessions, messages and usage", """
            CREATE TABLE sessions (
                id         TEXT NOT NULL PRIMARY KEY,
                title      TEXT NOT NULL,
                agent      TEXT NOT NULL,
                model      TEXT,
                workspace  TEXT NOT NULL,
                status     TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                system_prompt TEXT
            ) STRICT;
            CREATE INDEX sessions_by_updated ON sessions (updated_at, id);

            CREATE TABLE messages (
                session_id   TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                seq          INTEGER NOT NULL,
                role         TEXT    NOT NULL,
                text         TEXT,
                tool_calls   TEXT,
                tool_call_id TEXT,
                tool_name    TEXT,
                is_error     INTEGER NOT NULL,
                step         INTEGER NOT NULL,
                created_at   TEXT    NOT NULL,
                kind         TEXT    NOT NULL DEFAULT 'message',
                compacts_through INTEGER,
                pruned_through   INTEGER,
                PRIMARY KEY (session_id, seq)
            ) STRICT;

            -- No foreign key: metering must never be lost because of a session id mismatch.
            -- cost_usd holds the exact decimal as text; reports sum it with chitin_decimal_sum.
            CREATE TABLE usage (
                id           INTEGER PRIMARY KEY,
                session_id   TEXT    NOT NULL,
                agent        TEXT    NOT NULL,
                provider     TEXT    NOT NULL,
                model        TEXT    NOT NULL,
                step         INTEGER NOT NULL,
                input        INTEGER NOT NULL,
                cached_input INTEGER NOT NULL,
                cache_write  INTEGER NOT NULL,
                output       INTEGER NOT NULL,
                reasoning    INTEGER NOT NULL,
                ttft_ms      REAL,
                latency_ms   REAL    NOT NULL,
                cost_usd     TEXT    NOT NULL,
                created_at   TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX usage_by_session ON usage (session_id);
            CREATE INDEX usage_by_time ON usage (created_at);
            """),
    ];

    public static int LatestVersion => All[^1].Version;

    /// <summary>
    /// Brings the database to <see cref="LatestVersion"/> inside one write transaction, so two processes opening a
    /// new file at once cannot both migrate it and a failed migration leaves the previous version intact.
    /// </summary>
    public static void Apply(SqliteConnection connection, string databasePath)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadInt(connection, transaction, "PRAGMA user_version;");
        var applicationId = ReadInt(connection, transaction, "PRAGMA application_id;");
        EnsureChitinDatabase(connection, transaction, databasePath, version, applicationId);
        if (version > LatestVersion)
        {
            throw new StorageException(
                StorageErrorKind.NewerSchema,
                databasePath,
                $"The database '{databasePath}' was written by a newer Chitin (schema version {version}; this Chitin knows up to {LatestVersion}). " +
                "Upgrade Chitin to open it, or point Chitin at another database file.");
        }

        foreach (var migration in All.Where(m => m.Version > version))
        {
            Execute(connection, transaction, migration.Sql);
            Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {migration.Version};"));
        }

        if (applicationId == 0)
        {
            Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId};"));
        }

        transaction.Commit();
    }

    private static void EnsureChitinDatabase(SqliteConnection connection, SqliteTransaction transaction, string databasePath, int version, int applicationId)
    {
        var foreign = applicationId != 0 && applicationId != ApplicationId;
        if (!foreign && version == 0 && applicationId == 0)
        {
            // A brand-new file has no objects; an unversioned file with tables belongs to someone else.
            foreign = ReadInt(connection, transaction, "SELECT count(*) FROM sqlite_schema;") > 0;
        }

        if (foreign)
        {
            throw new StorageException(
                StorageErrorKind.NotAChitinDatabase,
                databasePath,
                $"'{databasePath}' is a SQLite database of another application, not a Chitin database. " +
                "Point Chitin at another file; Chitin will not modify this one.");
        }
    }

    private static int ReadInt(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
