using System.Globalization;
using Chitin.Platform.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chitin.Gateway.Storage;

/// <summary>
/// Conversation keys and runs in the shared chitin.db. One connection per call, so several gateway processes (or a
/// CLI alongside) can share the file; nothing here is cached in memory.
/// </summary>
public sealed class GatewayStore
{
    private readonly string _path;
    private readonly TimeProvider _time;

    public GatewayStore(string databasePath, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _path = databasePath;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ChitinDatabase.Close(ChitinDatabase.Open(databasePath, GatewaySchema.Component, "open its gateway tables"));
    }

    public async Task<string?> FindSessionAsync(string sessionKey, CancellationToken cancellationToken)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT session_id FROM gateway_sessions WHERE session_key = $key";
        command.Parameters.AddWithValue("$key", sessionKey);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task SaveSessionAsync(string sessionKey, string sessionId, string agent, CancellationToken cancellationToken)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO gateway_sessions (session_key, session_id, agent, created_at, updated_at) VALUES ($key, $id, $agent, $now, $now)
            ON CONFLICT(session_key) DO UPDATE SET session_id = excluded.session_id, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$key", sessionKey);
        command.Parameters.AddWithValue("$id", sessionId);
        command.Parameters.AddWithValue("$agent", agent);
        command.Parameters.AddWithValue("$now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Most recently used first.</summary>
    public async Task<IReadOnlyList<GatewayConversation>> ListConversationsAsync(int limit, CancellationToken cancellationToken)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT session_key, session_id, agent, created_at, updated_at FROM gateway_sessions ORDER BY updated_at DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var list = new List<GatewayConversation>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new GatewayConversation(reader.GetString(0), reader.GetString(1), reader.GetString(2), Parse(reader.GetString(3)), Parse(reader.GetString(4))));
        }

        return list;
    }

    public async Task StartRunAsync(string runId, string sessionKey, string? sessionId, string source, CancellationToken cancellationToken)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO gateway_runs (run_id, session_key, session_id, source, status, started_at) VALUES ($id, $key, $session, $source, 'running', $now)";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$key", sessionKey);
        command.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishRunAsync(string runId, string? sessionId, string status, string? error, CancellationToken cancellationToken)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE gateway_runs SET status = $status, session_id = COALESCE($session, session_id), error = $error, finished_at = $now WHERE run_id = $id";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<GatewayRun?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, session_key, session_id, source, status, started_at, finished_at, error FROM gateway_runs WHERE run_id = $id";
        command.Parameters.AddWithValue("$id", runId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new GatewayRun
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
    }

    public async Task<int> CountRunningAsync(CancellationToken cancellationToken)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM gateway_runs WHERE status = 'running'";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
