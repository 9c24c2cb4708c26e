namespace Chitin.Storage.Budgets;

/// <summary>Budget caps and spend in the shared Chitin database (component "budgets"). One connection per call.</summary>
public sealed class SqliteBudgetStore : IBudgetStore
{
    private readonly string _path;

    private SqliteBudgetStore(string path) => _path = path;

    /// <summary>Creates or migrates the budget tables.</summary>
    /// <exception cref="DatabaseException">The file cannot be used.</exception>
    public static SqliteBudgetStore Open(string databasePath)
    {
        ChitinDatabase.Migrate(databasePath, BudgetSchema.Component, "open its budget tables");
        return new SqliteBudgetStore(databasePath);
    }

    public Task<IReadOnlyList<BudgetCap>> LoadCapsAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT scope, period, hard_usd, soft_usd, hard_tokens FROM budget_caps ORDER BY scope, period";
        var caps = command.ReadAll(reader => new BudgetCap(
            BudgetScope.Parse(reader.GetString(0)),
            Enum.Parse<BudgetPeriod>(reader.GetString(1)),
            reader.IsDBNull(2) ? null : decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
            reader.IsDBNull(3) ? null : decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
            reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        return Task.FromResult<IReadOnlyList<BudgetCap>>(caps);
    }

    public Task SetCapAsync(BudgetCap cap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cap);
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO budget_caps (scope, period, hard_usd, soft_usd, hard_tokens) VALUES ($scope, $period, $hard, $soft, $tokens)
            ON CONFLICT (scope, period) DO UPDATE SET hard_usd = excluded.hard_usd, soft_usd = excluded.soft_usd, hard_tokens = excluded.hard_tokens
            """;
        command.Parameters.AddWithValue("$scope", cap.Scope.ToString());
        command.Parameters.AddWithValue("$period", cap.Period.ToString());
        command.Parameters.AddWithValue("$hard", Text(cap.HardUsd));
        command.Parameters.AddWithValue("$soft", Text(cap.SoftUsd));
        command.Parameters.AddWithValue("$tokens", cap.HardTokens is { } tokens ? tokens : DBNull.Value);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task RecordSpendAsync(SpendRecord spend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spend);
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO budget_spend (at, run_id, agent, session_id, endpoint, usd, tokens)
            VALUES ($at, $run, $agent, $session, $endpoint, $usd, $tokens)
            """;
        command.Parameters.AddWithValue("$at", spend.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$run", spend.RunId);
        command.Parameters.AddWithValue("$agent", spend.Agent);
        command.Parameters.AddWithValue("$session", spend.SessionId);
        command.Parameters.AddWithValue("$endpoint", spend.Endpoint);
        command.Parameters.AddWithValue("$usd", spend.Usd.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$tokens", spend.Tokens);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<SpendTotal> SpentAsync(BudgetScope scope, DateTimeOffset since, string? runId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        string column = scope.Kind switch
        {
            "agent" => "agent",
            "session" => "session_id",
            "endpoint" => "endpoint",
            _ => null!,
        };
        string where = runId is not null ? "run_id = $run" : "at >= $since";
        command.CommandText = $"SELECT usd, tokens FROM budget_spend WHERE {where}" + (column is null ? "" : $" AND {column} = $id");
        command.Parameters.AddWithValue("$run", (object?)runId ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$id", scope.Id);
        var total = default(SpendTotal);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            total += new SpendTotal(decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1));
        }

        return Task.FromResult(total);
    }

    private static object Text(decimal? value) => value is { } usd ? usd.ToString(CultureInfo.InvariantCulture) : DBNull.Value;
}
