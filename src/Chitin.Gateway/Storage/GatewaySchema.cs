namespace Chitin.Gateway.Storage;

/// <summary>The gateway's tables in chitin.db: which Chitin session a conversation key continues, every run, and the idempotency keys of /ws requests.</summary>
internal static class GatewaySchema
{
    public static SchemaComponent Component { get; } = new("gateway", [
        new SchemaMigration(1, "conversation keys and runs", """
            CREATE TABLE gateway_sessions (
                session_key TEXT PRIMARY KEY,
                session_id  TEXT NOT NULL,
                agent       TEXT NOT NULL,
                created_at  TEXT NOT NULL,
                updated_at  TEXT NOT NULL
            );
            CREATE TABLE gateway_runs (
                run_id      TEXT PRIMARY KEY,
                session_key TEXT NOT NULL,
                session_id  TEXT,
                source      TEXT NOT NULL,
                status      TEXT NOT NULL,
                started_at  TEXT NOT NULL,
                finished_at TEXT,
                error       TEXT
            );
            CREATE INDEX gateway_runs_by_key ON gateway_runs(session_key, started_at);
            """),
        new SchemaMigration(2, "idempotency keys of /ws requests", """
            CREATE TABLE gateway_requests (
                scope       TEXT NOT NULL,
                request_id  TEXT NOT NULL,
                type        TEXT NOT NULL,
                session_key TEXT,
                run_id      TEXT,
                created_at  TEXT NOT NULL,
                PRIMARY KEY (scope, request_id)
            );
            CREATE INDEX gateway_requests_by_age ON gateway_requests(created_at);
            """),
    ]);
}
