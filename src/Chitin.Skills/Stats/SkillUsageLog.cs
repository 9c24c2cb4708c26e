namespace Chitin.Skills.Stats;

/// <summary>
/// Every load of a skill body (session, skill, content hash, tokens added, time) in its own table of the shared
/// Chitin database file, opened through the shared opener and versioned as "skill_stats" in <c>chitin_schema</c>. Safe to use from several threads.
/// </summary>
public sealed class SkillUsageLog : IDisposable
{
    private static readonly SchemaComponent Component = new("skill_stats",
    [
        new(1, "skill loads", """
            CREATE TABLE IF NOT EXISTS skill_loads (
                id           INTEGER PRIMARY KEY,
                session_id   TEXT    NOT NULL,
                skill_name   TEXT    NOT NULL,
                content_hash TEXT,
                tokens       INTEGER NOT NULL,
                at           TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX IF NOT EXISTS skill_loads_by_time ON skill_loads (at);
            CREATE INDEX IF NOT EXISTS skill_loads_by_skill ON skill_loads (skill_name, session_id);
            """),
    ]);

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private bool _disposed;

    private SkillUsageLog(string databasePath, SqliteConnection connection, TimeProvider time)
    {
        DatabasePath = databasePath;
        _connection = connection;
        _time = time;
    }

    public string DatabasePath { get; }

    /// <summary>Writes that failed in <see cref="Record"/> (which never throws).</summary>
    public int FailedWrites { get; private set; }

    /// <summary>The message of the last failed write in <see cref="Record"/>.</summary>
    public string? LastError { get; private set; }

    public static Task<SkillUsageLog> OpenAsync(string databasePath, CancellationToken cancellationToken) =>
        OpenAsync(databasePath, TimeProvider.System, cancellationToken);

    public static Task<SkillUsageLog> OpenAsync(string databasePath, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(time);
        var fullPath = Path.GetFullPath(databasePath);
        return Task.Run(() => new SkillUsageLog(fullPath, ChitinDatabase.Open(fullPath, Component, "open the skill usage log"), time), cancellationToken);
    }

    /// <summary>
    /// For the skill tool's load callback. Statistics are advisory: a failed write (full disk, locked file) must not
    /// fail the tool, so it is counted in <see cref="FailedWrites"/> and <see cref="LastError"/> instead of thrown.
    /// </summary>
    public void Record(SkillLoad load)
    {
        try
        {
            Insert(load);
        }
        catch (SkillStatsException ex)
        {
            lock (_gate)
            {
                FailedWrites++;
                LastError = ex.Message;
            }
        }
    }

    /// <summary>Logs one load; throws <see cref="SkillStatsException"/> when it cannot.</summary>
    public Task RecordAsync(SkillLoad load, CancellationToken cancellationToken) => Task.Run(() => Insert(load), cancellationToken);

    /// <summary>Loads at or after <paramref name="since"/> (all when null), oldest first.</summary>
    public Task<IReadOnlyList<SkillLoadRecord>> ReadAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<SkillLoadRecord>>(
            () => Execute("read skill loads", () =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = since is null
                    ? "SELECT id, session_id, skill_name, content_hash, tokens, at FROM skill_loads ORDER BY id;"
                    : "SELECT id, session_id, skill_name, content_hash, tokens, at FROM skill_loads WHERE at >= $since ORDER BY id;";
                if (since is { } from)
                {
                    command.Parameters.AddWithValue("$since", TimestampColumn.Text(from));
                }

                return command.ReadAll(reader => new SkillLoadRecord(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetInt32(4),
                    TimestampColumn.Parse(reader.GetString(5))));
            }),
            cancellationToken);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            ChitinDatabase.Close(_connection);
        }
    }

    private void Insert(SkillLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        Execute($"record a load of skill '{load.Name}'", () =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO skill_loads (session_id, skill_name, content_hash, tokens, at) VALUES ($session, $skill, $hash, $tokens, $at);";
            command.Parameters.AddWithValue("$session", load.SessionId);
            command.Parameters.AddWithValue("$skill", load.Name);
            command.Parameters.AddWithValue("$hash", (object?)load.ContentHash ?? DBNull.Value);
            command.Parameters.AddWithValue("$tokens", load.Tokens);
            command.Parameters.AddWithValue("$at", TimestampColumn.Text(_time.GetUtcNow()));
            command.ExecuteNonQuery();
            return true;
        });
    }

    private T Execute<T>(string what, Func<T> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return action();
            }
            catch (SqliteException ex)
            {
                throw new SkillStatsException($"Cannot {what} in '{DatabasePath}': {ex.Message}", ex);
            }
        }
    }

}
