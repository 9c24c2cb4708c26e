using System.Globalization;
using Chitin.Core.Safety;
using Chitin.Skills.Tools;
using Microsoft.Data.Sqlite;

namespace Chitin.Skills.Stats;

/// <summary>
/// Every load of a skill body (session, skill, content hash, tokens added, time) in its own table of the shared
/// Chitin database file. Opens its own connection (WAL, busy timeout, no pooling) and keeps its schema version in
/// its own table, so it never touches the sessions schema. Safe to use from several threads.
/// </summary>
public sealed class SkillUsageLog : IDisposable
{
    /// <summary>"CHIT": the application id Chitin.Storage expects in the database header.</summary>
    private const int ChitinApplicationId = 0x43484954;
    private const int SchemaVersion = 1;
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

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
        return Task.Run(() => new SkillUsageLog(fullPath, Open(fullPath), time), cancellationToken);
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
                    command.Parameters.AddWithValue("$since", Timestamp(from));
                }

                using var reader = command.ExecuteReader();
                var rows = new List<SkillLoadRecord>();
                while (reader.Read())
                {
                    rows.Add(new SkillLoadRecord(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.GetInt32(4),
                        DateTimeOffset.ParseExact(reader.GetString(5), TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)));
                }

                return rows;
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
            SqliteConnection.ClearPool(_connection);
            _connection.Dispose();
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
            command.Parameters.AddWithValue("$at", Timestamp(_time.GetUtcNow()));
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

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static SqliteConnection Open(string databasePath)
    {
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        OwnerOnly.TryCreateFile(databasePath);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Run(connection, null, "PRAGMA busy_timeout = 10000;");

            // Checked and migrated before switching to WAL: the switch rewrites the file header, and another
            // application's database must be left untouched.
            Migrate(connection, databasePath);
            Run(connection, null, "PRAGMA journal_mode = WAL;");
            Run(connection, null, "PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new SkillStatsException($"Cannot open the skill usage log in '{databasePath}': {ex.Message} Check the path and its permissions.", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Migrate(SqliteConnection connection, string databasePath)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var applicationId = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA application_id;"), CultureInfo.InvariantCulture);
        var objects = Convert.ToInt64(Scalar(connection, transaction, "SELECT count(*) FROM sqlite_schema;"), CultureInfo.InvariantCulture);
        if ((applicationId != 0 && applicationId != ChitinApplicationId) || (applicationId == 0 && objects > 0))
        {
            throw new SkillStatsException($"'{databasePath}' is a SQLite database of another application, not a Chitin database. Point Chitin at its own database file; this one was not changed.");
        }

        Run(connection, transaction, """
            CREATE TABLE IF NOT EXISTS skill_stats_schema (version INTEGER NOT NULL) STRICT;
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
            """);
        var version = Scalar(connection, transaction, "SELECT max(version) FROM skill_stats_schema;");
        if (version is null or DBNull)
        {
            Run(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO skill_stats_schema (version) VALUES ({SchemaVersion});"));
        }
        else if (Convert.ToInt32(version, CultureInfo.InvariantCulture) > SchemaVersion)
        {
            throw new SkillStatsException($"The skill usage log in '{databasePath}' was written by a newer Chitin (schema {version}). Upgrade Chitin to read it.");
        }

        if (applicationId == 0)
        {
            Run(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ChitinApplicationId};"));
        }

        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
