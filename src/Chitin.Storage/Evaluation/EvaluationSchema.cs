namespace Chitin.Storage.Evaluation;

/// <summary>The provider evaluation component's tables in the shared database, next to the metering rows.</summary>
internal static class EvaluationSchema
{
    public static SchemaComponent Component { get; } = new("provider_evaluation",
    [
        new(1, "probe samples, endpoint verdicts and session pins", """
            CREATE TABLE IF NOT EXISTS probe_samples (
                id           INTEGER PRIMARY KEY,
                at           TEXT    NOT NULL,
                run_id       TEXT    NOT NULL,
                endpoint     TEXT    NOT NULL,
                kind         TEXT    NOT NULL,
                probe_case   TEXT    NOT NULL,
                passed       INTEGER,
                answer       TEXT    NOT NULL,
                detail       TEXT    NOT NULL,
                input        INTEGER NOT NULL,
                cached_input INTEGER NOT NULL,
                output       INTEGER NOT NULL,
                ttft_ms      REAL,
                latency_ms   REAL    NOT NULL,
                cost_usd     TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX IF NOT EXISTS probe_samples_by_time ON probe_samples (at);
            CREATE INDEX IF NOT EXISTS probe_samples_by_run ON probe_samples (run_id);

            CREATE TABLE IF NOT EXISTS endpoint_verdicts (
                endpoint    TEXT PRIMARY KEY,
                at          TEXT NOT NULL,
                conformance REAL,
                suspect     INTEGER NOT NULL,
                p_value     REAL,
                against     TEXT,
                flags       TEXT NOT NULL,
                detail      TEXT NOT NULL
            ) STRICT;

            CREATE TABLE IF NOT EXISTS session_pins (
                session_id TEXT PRIMARY KEY,
                endpoint   TEXT NOT NULL,
                pinned_at  TEXT NOT NULL
            ) STRICT;
            """),
    ]);
}
