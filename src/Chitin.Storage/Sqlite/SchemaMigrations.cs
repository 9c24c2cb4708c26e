namespace Chitin.Storage.Sqlite;

/// <summary>
/// The sessions component's schema history, versioned in <c>chitin_schema</c> by the shared opener. Append new
/// migrations at the end; never edit one that has shipped. Statements are idempotent so that files written before
/// the shared version table are adopted as they are.
/// </summary>
internal static class SchemaMigrations
{
    public static SchemaComponent Component { get; } = new("sessions",
    [
        new(1, "sessions, messages and usage", """
            CREATE TABLE IF NOT EXISTS sessions (
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
            CREATE INDEX IF NOT EXISTS sessions_by_updated ON sessions (updated_at, id);

            CREATE TABLE IF NOT EXISTS messages (
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
            CREATE TABLE IF NOT EXISTS usage (
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
            CREATE INDEX IF NOT EXISTS usage_by_session ON usage (session_id);
            CREATE INDEX IF NOT EXISTS usage_by_time ON usage (created_at);
            """),
        new(2, "arguments a tool ran with after a hook rewrote them", """
            ALTER TABLE messages ADD COLUMN ran_arguments TEXT;
            """),
        new(3, "rewound turns stay in the transcript, marked", """
            ALTER TABLE messages ADD COLUMN rewound INTEGER NOT NULL DEFAULT 0;
            """),
    ]);
}
