namespace Chitin.Scheduling.Storage;

/// <summary>The scheduling component's tables in the shared database: cron jobs, their run log and the heartbeat's daily spend.</summary>
internal static class SchedulingSchema
{
    public static SchemaComponent Component { get; } = new("scheduling",
    [
        new(1, "cron jobs, cron run log, heartbeat usage", """
            CREATE TABLE IF NOT EXISTS cron_jobs (
                id          TEXT    NOT NULL PRIMARY KEY,
                kind        TEXT    NOT NULL,
                expression  TEXT    NOT NULL,
                time_zone   TEXT,
                task        TEXT    NOT NULL,
                deliver     TEXT,
                created_at  TEXT    NOT NULL,
                last_due    TEXT,
                done        INTEGER NOT NULL DEFAULT 0
            ) STRICT;

            CREATE TABLE IF NOT EXISTS cron_runs (
                id          INTEGER PRIMARY KEY,
                job_id      TEXT    NOT NULL,
                trigger     TEXT    NOT NULL,
                due_at      TEXT,
                started     TEXT    NOT NULL,
                finished    TEXT,
                status      TEXT    NOT NULL,
                session_id  TEXT,
                output      TEXT,
                error       TEXT
            ) STRICT;
            CREATE INDEX IF NOT EXISTS cron_runs_by_job ON cron_runs (job_id, id);

            CREATE TABLE IF NOT EXISTS heartbeat_usage (
                day     TEXT    NOT NULL PRIMARY KEY,
                calls   INTEGER NOT NULL,
                tokens  INTEGER NOT NULL
            ) STRICT;
            """),
    ]);
}
