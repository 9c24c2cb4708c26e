namespace Chitin.Storage.Checkpoints;

/// <summary>The checkpoints component's tables in the shared database. Append migrations; never edit a shipped one.</summary>
internal static class CheckpointSchema
{
    public static SchemaComponent Component { get; } = new("checkpoints",
    [
        new(1, "per-turn workspace checkpoints", """
            CREATE TABLE IF NOT EXISTS checkpoints (
                id              INTEGER PRIMARY KEY,
                session_id      TEXT    NOT NULL,
                workspace       TEXT    NOT NULL,
                kind            TEXT    NOT NULL,
                created_at      TEXT    NOT NULL,
                before_manifest TEXT    NOT NULL,
                after_manifest  TEXT,
                from_seq        INTEGER NOT NULL,
                through_seq     INTEGER,
                rewound_by      INTEGER,
                changes         TEXT,
                stored_bytes    INTEGER NOT NULL DEFAULT 0
            ) STRICT;
            CREATE INDEX IF NOT EXISTS checkpoints_by_session ON checkpoints (session_id, id);
            CREATE INDEX IF NOT EXISTS checkpoints_by_time ON checkpoints (created_at);
            """),
    ]);
}
