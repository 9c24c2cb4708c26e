namespace Chitin.Gateway.Storage;

/// <summary>
/// Conversation keys and runs in the shared chitin.db. Nothing is cached in memory: several gateway processes (or a
/// CLI alongside) can share the file. One <see cref="SharedConnection"/> (synchronous NORMAL: no fsync per commit,
/// which cost several milliseconds a write on a per-call connection).
/// </summary>
public sealed class GatewayStore : IDisposable
{
    private readonly SharedConnection _connection;
    private readonly TimeProvider _time;

    public GatewayStore(string databasePath, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _connection = new SharedConnection(ChitinDatabase.Open(databasePath, GatewaySchema.Component, "open its gateway tables"));
    }

    /// <summary>How long a /ws request id is remembered.</summary>
    public static TimeSpan RequestMemory { get; } = TimeSpan.FromHours(24);

    public Task<string?> FindSessionAsync(string sessionKey, CancellationToken cancellationToken) =>
        Run("SELECT session_id FROM gateway_sessions WHERE session_key = $key", cancellationToken, c =>
        {
            c.Parameters.AddWithValue("$key", sessionKey);
            return c.ExecuteScalar() as string;
        });

    public Task SaveSessionAsync(string sessionKey, string sessionId, string agent, CancellationToken cancellationToken) =>
        Run("""
                INSERT INTO gateway_sessions (session_key, session_id, agent, created_at, updated_at) VALUES ($key, $id, $agent, $now, $now)
                ON CONFLICT(session_key) DO UPDATE SET session_id = excluded.session_id, updated_at = excluded.updated_at
                """, cancellationToken, c =>
        {
            c.Parameters.AddWithValue("$key", sessionKey);
            c.Parameters.AddWithValue("$id", sessionId);
            c.Parameters.AddWithValue("$agent", agent);
            c.Parameters.AddWithValue("$now", Now());
            return c.ExecuteNonQuery();
        });

    /// <summary>
    /// The fingerprint of a session's stored transcript (chitin.db's messages table, written by the session store of
    /// this or any other process): one range scan of the session's primary-key entries.
    /// </summary>
    public Task<TranscriptStamp> TranscriptStampAsync(string sessionId, CancellationToken cancellationToken) =>
        Run("""
                SELECT count(*) FILTER (WHERE rewound = 0), coalesce(sum(seq) FILTER (WHERE rewound = 0), 0), coalesce(max(seq), 0)
                FROM messages WHERE session_id = $id
                """, cancellationToken, c =>
        {
            c.Parameters.AddWithValue("$id", sessionId);
            using var reader = c.ExecuteReader();
            reader.Read();
            return new TranscriptStamp(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        });

    /// <summary>Most recently used first.</summary>
    public Task<IReadOnlyList<GatewayConversation>> ListConversationsAsync(int limit, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<GatewayConversation>>(cancellationToken, c =>
        {
            c.CommandText = "SELECT session_key, session_id, agent, created_at, updated_at FROM gateway_sessions ORDER BY updated_at DESC LIMIT $limit";
            c.Parameters.AddWithValue("$limit", limit);
            var list = new List<GatewayConversation>();
            using var reader = c.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new GatewayConversation(reader.GetString(0), reader.GetString(1), reader.GetString(2), Parse(reader.GetString(3)), Parse(reader.GetString(4))));
            }

            return list;
        });

    public Task StartRunAsync(string runId, string sessionKey, string? sessionId, string source, CancellationToken cancellationToken) =>
        Run("INSERT INTO gateway_runs (run_id, session_key, session_id, source, status, started_at) VALUES ($id, $key, $session, $source, 'running', $now)", cancellationToken, c =>
        {
            c.Parameters.AddWithValue("$id", runId);
            c.Parameters.AddWithValue("$key", sessionKey);
            c.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
            c.Parameters.AddWithValue("$source", source);
            c.Parameters.AddWithValue("$now", Now());
            return c.ExecuteNonQuery();
        });

    public Task FinishRunAsync(string runId, string? sessionId, string status, string? error, CancellationToken cancellationToken) =>
        Run("UPDATE gateway_runs SET status = $status, session_id = COALESCE($session, session_id), error = $error, finished_at = $now WHERE run_id = $id", cancellationToken, c =>
        {
            c.Parameters.AddWithValue("$id", runId);
            c.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
            c.Parameters.AddWithValue("$status", status);
            c.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            c.Parameters.AddWithValue("$now", Now());
            return c.ExecuteNonQuery();
        });

    public Task<GatewayRun?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        Run($"SELECT {RunColumns} FROM gateway_runs WHERE run_id = $id", cancellationToken, c =>
        {
            c.Parameters.AddWithValue("$id", runId);
            using var reader = c.ExecuteReader();
            return reader.Read() ? ReadRun(reader) : null;
        });

    /// <summary>The latest runs, newest first.</summary>
    public Task<IReadOnlyList<GatewayRun>> ListRunsAsync(int limit, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<GatewayRun>>(cancellationToken, c =>
        {
            c.CommandText = $"SELECT {RunColumns} FROM gateway_runs ORDER BY started_at DESC, rowid DESC LIMIT $limit";
            c.Parameters.AddWithValue("$limit", limit);
            using var reader = c.ExecuteReader();
            var runs = new List<GatewayRun>();
            while (reader.Read())
            {
                runs.Add(ReadRun(reader));
            }

            return runs;
        });

    /// <summary>
    /// Records a request id for its scope (one per token) unless it was seen within <see cref="RequestMemory"/>; returns
    /// the earlier request when it was, null when this one is new and must be executed.
    /// </summary>
    public Task<SeenRequest?> RecordRequestAsync(string scope, string requestId, string type, string? sessionKey, string? runId, CancellationToken cancellationToken) =>
        Run(cancellationToken, c =>
        {
            c.CommandText = """
                DELETE FROM gateway_requests WHERE created_at < $cutoff;
                INSERT INTO gateway_requests (scope, request_id, type, session_key, run_id, created_at) VALUES ($scope, $id, $type, $key, $run, $now)
                ON CONFLICT(scope, request_id) DO NOTHING;
                SELECT changes();
                """;
            c.Parameters.AddWithValue("$cutoff", (_time.GetUtcNow() - RequestMemory).ToString("O", CultureInfo.InvariantCulture));
            c.Parameters.AddWithValue("$scope", scope);
            c.Parameters.AddWithValue("$id", requestId);
            c.Parameters.AddWithValue("$type", type);
            c.Parameters.AddWithValue("$key", (object?)sessionKey ?? DBNull.Value);
            c.Parameters.AddWithValue("$run", (object?)runId ?? DBNull.Value);
            c.Parameters.AddWithValue("$now", Now());
            if (Convert.ToInt64(c.ExecuteScalar(), CultureInfo.InvariantCulture) == 1)
            {
                return null;
            }

            c.Parameters.Clear();
            c.CommandText = "SELECT type, session_key, run_id FROM gateway_requests WHERE scope = $scope AND request_id = $id";
            c.Parameters.AddWithValue("$scope", scope);
            c.Parameters.AddWithValue("$id", requestId);
            using var reader = c.ExecuteReader();
            return reader.Read()
                ? new SeenRequest(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
                : null;
        });

    private const string RunColumns = "run_id, session_key, session_id, source, status, started_at, finished_at, error";

    private static GatewayRun ReadRun(SqliteDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        SessionKey = reader.GetString(1),
        SessionId = reader.IsDBNull(2) ? null : reader.GetString(2),
        Source = reader.GetString(3),
        Status = reader.GetString(4),
        StartedAt = Parse(reader.GetString(5)),
        FinishedAt = reader.IsDBNull(6) ? null : Parse(reader.GetString(6)),
        Error = reader.IsDBNull(7) ? null : reader.GetString(7),
    };

    public void Dispose() => _connection.Dispose();

    private Task<T> Run<T>(CancellationToken cancellationToken, Func<SqliteCommand, T> statement) => _connection.Run(cancellationToken, statement);

    /// <summary>A per-turn statement: compiled once on the long-lived connection and kept.</summary>
    private Task<T> Run<T>(string sql, CancellationToken cancellationToken, Func<SqliteCommand, T> statement) => _connection.Run(sql, cancellationToken, statement);

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
