namespace Chitin.Storage.Evaluation;

/// <summary>Probe samples, verdicts and pins in the shared Chitin database (component "provider_evaluation"). One connection per call.</summary>
public sealed class SqliteProviderEvaluationStore : IProviderEvaluationStore
{
    private readonly string _path;

    private SqliteProviderEvaluationStore(string path) => _path = path;

    /// <summary>Creates or migrates the tables.</summary>
    /// <exception cref="DatabaseException">The file cannot be used.</exception>
    public static SqliteProviderEvaluationStore Open(string databasePath)
    {
        ChitinDatabase.Migrate(databasePath, EvaluationSchema.Component, "open its provider evaluation tables");
        return new SqliteProviderEvaluationStore(databasePath);
    }

    public Task RecordSamplesAsync(IReadOnlyList<ProbeSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO probe_samples (at, run_id, endpoint, kind, probe_case, passed, answer, detail, input, cached_input, output, ttft_ms, latency_ms, cost_usd)
            VALUES ($at, $run, $endpoint, $kind, $case, $passed, $answer, $detail, $input, $cached, $output, $ttft, $latency, $cost)
            """;
        foreach (ProbeSample sample in samples)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$at", TimestampColumn.Text(sample.At));
            command.Parameters.AddWithValue("$run", sample.RunId);
            command.Parameters.AddWithValue("$endpoint", sample.Endpoint);
            command.Parameters.AddWithValue("$kind", sample.Kind);
            command.Parameters.AddWithValue("$case", sample.Case);
            command.Parameters.AddWithValue("$passed", sample.Passed is { } passed ? (passed ? 1 : 0) : DBNull.Value);
            command.Parameters.AddWithValue("$answer", sample.Answer);
            command.Parameters.AddWithValue("$detail", sample.Detail);
            command.Parameters.AddWithValue("$input", sample.InputTokens);
            command.Parameters.AddWithValue("$cached", sample.CachedInputTokens);
            command.Parameters.AddWithValue("$output", sample.OutputTokens);
            command.Parameters.AddWithValue("$ttft", sample.TimeToFirstTokenMs is { } ttft ? ttft : DBNull.Value);
            command.Parameters.AddWithValue("$latency", sample.LatencyMs);
            command.Parameters.AddWithValue("$cost", ColumnValues.Decimal(sample.CostUsd));
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ProbeSample>> LoadSamplesAsync(string runId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, run_id, endpoint, kind, probe_case, passed, answer, detail, input, cached_input, output, ttft_ms, latency_ms, cost_usd
            FROM probe_samples WHERE run_id = $run ORDER BY id
            """;
        command.Parameters.AddWithValue("$run", runId);
        var samples = command.ReadAll(reader => new ProbeSample
        {
            At = TimestampColumn.Parse(reader.GetString(0)),
            RunId = reader.GetString(1),
            Endpoint = reader.GetString(2),
            Kind = reader.GetString(3),
            Case = reader.GetString(4),
            Passed = reader.IsDBNull(5) ? null : reader.GetInt64(5) == 1,
            Answer = reader.GetString(6),
            Detail = reader.GetString(7),
            InputTokens = reader.GetInt64(8),
            CachedInputTokens = reader.GetInt64(9),
            OutputTokens = reader.GetInt64(10),
            TimeToFirstTokenMs = reader.IsDBNull(11) ? null : reader.GetDouble(11),
            LatencyMs = reader.GetDouble(12),
            CostUsd = ColumnValues.ReadDecimal(reader.GetString(13)),
        });
        return Task.FromResult<IReadOnlyList<ProbeSample>>(samples);
    }

    public Task<decimal> ProbeSpendAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT cost_usd FROM probe_samples WHERE at >= $since";
        command.Parameters.AddWithValue("$since", TimestampColumn.Text(since));
        return Task.FromResult(command.ReadAll(reader => ColumnValues.ReadDecimal(reader.GetString(0))).Sum());
    }

    public Task SaveVerdictAsync(EndpointVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO endpoint_verdicts (endpoint, at, conformance, suspect, p_value, against, flags, detail)
            VALUES ($endpoint, $at, $conformance, $suspect, $p, $against, $flags, $detail)
            """;
        command.Parameters.AddWithValue("$endpoint", verdict.Endpoint);
        command.Parameters.AddWithValue("$at", TimestampColumn.Text(verdict.At));
        command.Parameters.AddWithValue("$conformance", verdict.ConformanceRate is { } rate ? rate : DBNull.Value);
        command.Parameters.AddWithValue("$suspect", verdict.Suspect ? 1 : 0);
        command.Parameters.AddWithValue("$p", verdict.PValue is { } p ? p : DBNull.Value);
        command.Parameters.AddWithValue("$against", (object?)verdict.Against ?? DBNull.Value);
        command.Parameters.AddWithValue("$flags", string.Join(',', verdict.Flags.Select(StoredNames.Name)));
        command.Parameters.AddWithValue("$detail", verdict.Detail);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EndpointVerdict>> LoadVerdictsAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT endpoint, at, conformance, suspect, p_value, against, flags, detail FROM endpoint_verdicts ORDER BY endpoint";
        var verdicts = command.ReadAll(reader => new EndpointVerdict
        {
            Endpoint = reader.GetString(0),
            At = TimestampColumn.Parse(reader.GetString(1)),
            ConformanceRate = reader.IsDBNull(2) ? null : reader.GetDouble(2),
            Suspect = reader.GetInt64(3) == 1,
            PValue = reader.IsDBNull(4) ? null : reader.GetDouble(4),
            Against = reader.IsDBNull(5) ? null : reader.GetString(5),
            Flags = [.. reader.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(StoredNames.Parse<ProblemFlag>)],
            Detail = reader.GetString(7),
        });
        return Task.FromResult<IReadOnlyList<EndpointVerdict>>(verdicts);
    }

    public Task PinAsync(string sessionId, string endpoint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO session_pins (session_id, endpoint, pinned_at) VALUES ($session, $endpoint, $at)";
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$endpoint", endpoint);
        command.Parameters.AddWithValue("$at", TimestampColumn.Text(DateTimeOffset.UtcNow));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<bool> UnpinAsync(string sessionId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DELETE FROM session_pins WHERE session_id = $session";
        command.Parameters.AddWithValue("$session", sessionId);
        return Task.FromResult(command.ExecuteNonQuery() > 0);
    }

    public Task<IReadOnlyDictionary<string, string>> LoadPinsAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT session_id, endpoint FROM session_pins";
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            pins[reader.GetString(0)] = reader.GetString(1);
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(pins);
    }

    public Task<IReadOnlyList<UsageRecord>> LoadRecentUsageAsync(int limit, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = ChitinDatabase.Connect(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'usage'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return Task.FromResult<IReadOnlyList<UsageRecord>>([]);
        }

        command.CommandText = $"SELECT {StoreCommands.UsageColumns} FROM usage ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var rows = command.ReadAll(SqliteChitinStore.ReadUsage);
        rows.Reverse();
        return Task.FromResult<IReadOnlyList<UsageRecord>>(rows);
    }
}
