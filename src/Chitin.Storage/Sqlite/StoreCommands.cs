namespace Chitin.Storage.Sqlite;

/// <summary>
/// The store's statements, prepared once on its connection and reused (only parameter values change), so the hot
/// path (append message, record usage, update status) never re-parses SQL. Not thread-safe: the store serialises use.
/// </summary>
internal sealed class StoreCommands : IDisposable
{
    private const string SessionColumns =
        "s.id, s.title, s.agent, s.model, s.workspace, s.status, s.created_at, s.updated_at, " +
        "(SELECT count(*) FROM messages m WHERE m.session_id = s.id), s.system_prompt";

    /// <summary>The usage table's columns in the order <see cref="SqliteChitinStore.ReadUsage"/> reads them.</summary>
    internal const string UsageColumns =
        "session_id, agent, provider, model, step, input, cached_input, cache_write, output, reasoning, ttft_ms, latency_ms, cost_usd, created_at";

    private readonly List<SqliteCommand> _all = [];
    private readonly Dictionary<UsageGrouping, SqliteCommand> _summaries = [];

    public StoreCommands(SqliteConnection connection)
    {
        InsertSession = Prepare(
            connection,
            "INSERT INTO sessions (id, title, agent, model, workspace, status, created_at, updated_at, system_prompt) " +
            "VALUES ($id, $title, $agent, $model, $workspace, $status, $created_at, $updated_at, $system_prompt);",
            "$id", "$title", "$agent", "$model", "$workspace", "$status", "$created_at", "$updated_at", "$system_prompt");
        GetSession = Prepare(connection, $"SELECT {SessionColumns} FROM sessions s WHERE s.id = $id;", "$id");
        ListSessions = Prepare(connection, $"SELECT {SessionColumns} FROM sessions s ORDER BY s.updated_at DESC, s.id DESC LIMIT $limit;", "$limit");
        TouchSession = Prepare(connection, "UPDATE sessions SET updated_at = max(updated_at, $at) WHERE id = $id;", "$id", "$at");
        UpdateSession = Prepare(
            connection,
            "UPDATE sessions SET status = $status, model = coalesce($model, model), updated_at = max(updated_at, $at) WHERE id = $id;",
            "$id", "$status", "$model", "$at");
        DeleteSession = Prepare(connection, "DELETE FROM sessions WHERE id = $id;", "$id");
        InsertMessage = Prepare(
            connection,
            "INSERT INTO messages (session_id, seq, role, text, tool_calls, tool_call_id, tool_name, is_error, step, created_at, kind, compacts_through, pruned_through, ran_arguments) " +
            "VALUES ($session_id, (SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE session_id = $session_id), " +
            "$role, $text, $tool_calls, $tool_call_id, $tool_name, $is_error, $step, $created_at, $kind, $compacts_through, $pruned_through, $ran_arguments) RETURNING seq;",
            "$session_id", "$role", "$text", "$tool_calls", "$tool_call_id", "$tool_name", "$is_error", "$step", "$created_at", "$kind", "$compacts_through", "$pruned_through", "$ran_arguments");
        LoadMessages = Prepare(
            connection,
            "SELECT seq, role, text, tool_calls, tool_call_id, tool_name, is_error, step, created_at, kind, compacts_through, pruned_through, ran_arguments, rewound " +
            "FROM messages WHERE session_id = $session_id ORDER BY seq;",
            "$session_id");
        SetRewound = Prepare(
            connection,
            "UPDATE messages SET rewound = $rewound WHERE session_id = $session_id AND seq BETWEEN $from AND $through AND rewound <> $rewound;",
            "$session_id", "$from", "$through", "$rewound");
        InsertUsage = Prepare(
            connection,
            $"INSERT INTO usage ({UsageColumns}) VALUES ($session_id, $agent, $provider, $model, $step, $input, $cached_input, " +
            "$cache_write, $output, $reasoning, $ttft_ms, $latency_ms, $cost_usd, $created_at);",
            "$session_id", "$agent", "$provider", "$model", "$step", "$input", "$cached_input", "$cache_write", "$output", "$reasoning",
            "$ttft_ms", "$latency_ms", "$cost_usd", "$created_at");
        LoadUsage = Prepare(connection, $"SELECT {UsageColumns} FROM usage WHERE session_id = $session_id ORDER BY id;", "$session_id");
        DeleteSessionUsage = Prepare(connection, "DELETE FROM usage WHERE session_id = $session_id;", "$session_id");
        foreach (var (grouping, key) in new[]
        {
            (UsageGrouping.Day, "substr(created_at, 1, 10)"),
            (UsageGrouping.Session, "session_id"),
            (UsageGrouping.Model, "model"),
            (UsageGrouping.Agent, "agent"),
            (UsageGrouping.Endpoint, "provider"),
        })
        {
            // An absent 'since' is bound as '' which sorts before every timestamp, so the index on created_at always applies.
            _summaries[grouping] = Prepare(
                connection,
                $"SELECT {key} AS k, count(*), sum(input), sum(cached_input), sum(cache_write), sum(output), sum(reasoning), " +
                $"{DatabaseSetup.DecimalSumFunction}(cost_usd) FROM usage WHERE created_at >= $since GROUP BY k;",
                "$since");
        }
    }

    public SqliteCommand InsertSession { get; }

    public SqliteCommand GetSession { get; }

    public SqliteCommand ListSessions { get; }

    public SqliteCommand TouchSession { get; }

    public SqliteCommand UpdateSession { get; }

    public SqliteCommand DeleteSession { get; }

    public SqliteCommand InsertMessage { get; }

    public SqliteCommand LoadMessages { get; }

    public SqliteCommand SetRewound { get; }

    public SqliteCommand InsertUsage { get; }

    public SqliteCommand LoadUsage { get; }

    public SqliteCommand DeleteSessionUsage { get; }

    public SqliteCommand Summary(UsageGrouping grouping) =>
        _summaries.TryGetValue(grouping, out var command)
            ? command
            : throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown usage grouping.");

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        _all.Add(command);
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }
}
