namespace Chitin.Storage.Budgets;

/// <summary>The budgets component's tables in the shared database, versioned on their own.</summary>
internal static class BudgetSchema
{
    public static SchemaComponent Component { get; } = new("budgets",
    [
        new(1, "budget caps and spend", """
            CREATE TABLE IF NOT EXISTS budget_caps (
                scope       TEXT NOT NULL,
                period      TEXT NOT NULL,
                hard_usd    TEXT,
                soft_usd    TEXT,
                hard_tokens INTEGER,
                PRIMARY KEY (scope, period)
            ) STRICT;

            -- usd is exact decimal text; sums are done in C#.
            CREATE TABLE IF NOT EXISTS budget_spend (
                id         INTEGER PRIMARY KEY,
                at         TEXT    NOT NULL,
                run_id     TEXT    NOT NULL,
                agent      TEXT    NOT NULL,
                session_id TEXT    NOT NULL,
                endpoint   TEXT    NOT NULL,
                usd        TEXT    NOT NULL,
                tokens     INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX IF NOT EXISTS budget_spend_by_time ON budget_spend (at);
            CREATE INDEX IF NOT EXISTS budget_spend_by_run ON budget_spend (run_id);
            """),
    ]);
}
