namespace Chitin.Memory.Capture;

/// <summary>
/// Capture marks in their own table of the Chitin database file, on one long-lived connection (WAL, busy timeout,
/// synchronous NORMAL) used by one statement at a time: it shares the file safely with the session store, the memory
/// store and other processes. A connection per call re-read and re-parsed the whole database schema at every run's end.
/// </summary>
public sealed class SqliteCaptureMarks : ICaptureMarks, IDisposable
{
    private static readonly SchemaComponent Component = new("memory_capture",
    [
        new(1, "capture marks", """
            CREATE TABLE IF NOT EXISTS memory_capture_marks (
                session_id TEXT PRIMARY KEY,
                captured_through INTEGER NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            """),
    ]);

    private const string SetMark = """
        INSERT INTO memory_capture_marks (session_id, captured_through, updated_at) VALUES ($session, $through, $at)
        ON CONFLICT (session_id) DO UPDATE SET captured_through = excluded.captured_through, updated_at = excluded.updated_at
        WHERE excluded.captured_through > memory_capture_marks.captured_through;
        """;

    private readonly SharedConnection _connection;
    private readonly TimeProvider _time;

    private SqliteCaptureMarks(SqliteConnection connection, TimeProvider time)
    {
        _connection = new SharedConnection(connection);
        _time = time;
    }

    /// <summary>Creates the table when missing. The file may be new or an existing Chitin database.</summary>
    /// <exception cref="DatabaseException">The file was written by a newer Chitin or cannot be opened.</exception>
    public static async Task<SqliteCaptureMarks> OpenAsync(string databasePath, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        var connection = await Task.Run(() => ChitinDatabase.Open(fullPath, Component, "prepare the memory capture table"), cancellationToken).ConfigureAwait(false);
        return new SqliteCaptureMarks(connection, time ?? TimeProvider.System);
    }

    public Task<long> GetCapturedThroughAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return _connection.Run("SELECT captured_through FROM memory_capture_marks WHERE session_id = $session;", cancellationToken, command =>
        {
            command.Parameters.AddWithValue("$session", sessionId);
            var value = command.ExecuteScalar();
            return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
        });
    }

    public Task SetCapturedThroughAsync(string sessionId, long sequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return _connection.Run(SetMark, cancellationToken, command =>
        {
            command.Parameters.AddWithValue("$session", sessionId);
            command.Parameters.AddWithValue("$through", sequence);
            command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return command.ExecuteNonQuery();
        });
    }

    public void Dispose() => _connection.Dispose();
}
