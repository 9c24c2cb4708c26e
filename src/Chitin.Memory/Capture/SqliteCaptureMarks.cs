using System.Globalization;
using Chitin.Core.Safety;
using Microsoft.Data.Sqlite;

namespace Chitin.Memory.Capture;

/// <summary>
/// Capture marks in their own table of the Chitin database file. Each call opens its own short-lived connection
/// (WAL, busy timeout), so it shares the file safely with the session store, the memory store and other processes.
/// </summary>
public sealed class SqliteCaptureMarks : ICaptureMarks
{
    /// <summary>"CHIT", the application id Chitin.Storage recognises.</summary>
    private const int ChitinApplicationId = 0x43484954;

    private const int SchemaVersion = 1;
    private const int BusyTimeoutMs = 10_000;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private SqliteCaptureMarks(string connectionString, TimeProvider time)
    {
        _connectionString = connectionString;
        _time = time;
    }

    /// <summary>Creates the table when missing. The file may be new or an existing Chitin database.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer Chitin or cannot be opened.</exception>
    public static async Task<SqliteCaptureMarks> OpenAsync(string databasePath, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        OwnerOnly.TryCreateFile(fullPath);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        var marks = new SqliteCaptureMarks(connectionString, time ?? TimeProvider.System);
        try
        {
            await marks.CreateSchemaAsync(fullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"Cannot prepare the memory capture table in '{fullPath}': {ex.Message}", ex);
        }

        return marks;
    }

    public async Task<long> GetCapturedThroughAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT captured_through FROM memory_capture_marks WHERE session_id = $session;";
            command.Parameters.AddWithValue("$session", sessionId);
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }
    }

    public async Task SetCapturedThroughAsync(string sessionId, long sequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                """
                INSERT INTO memory_capture_marks (session_id, captured_through, updated_at) VALUES ($session, $through, $at)
                ON CONFLICT (session_id) DO UPDATE SET captured_through = excluded.captured_through, updated_at = excluded.updated_at
                WHERE excluded.captured_through > memory_capture_marks.captured_through;
                """;
            command.Parameters.AddWithValue("$session", sessionId);
            command.Parameters.AddWithValue("$through", sequence);
            command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CreateSchemaAsync(string databasePath, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var applicationId = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA application_id;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                if (applicationId is not (0 or ChitinApplicationId))
                {
                    throw new InvalidOperationException(
                        $"'{databasePath}' is a SQLite database of another application, not a Chitin database. Point Chitin at another file; Chitin will not modify this one.");
                }

                await ExecuteAsync(
                    connection,
                    transaction,
                    """
                    CREATE TABLE IF NOT EXISTS memory_capture_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
                    CREATE TABLE IF NOT EXISTS memory_capture_marks (
                        session_id TEXT PRIMARY KEY,
                        captured_through INTEGER NOT NULL,
                        updated_at TEXT NOT NULL
                    ) STRICT;
                    INSERT OR IGNORE INTO memory_capture_meta (key, value) VALUES ('schema_version', '1');
                    """,
                    cancellationToken).ConfigureAwait(false);
                var version = Convert.ToInt32(
                    await ScalarAsync(connection, transaction, "SELECT value FROM memory_capture_meta WHERE key = 'schema_version';", cancellationToken).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                if (version > SchemaVersion)
                {
                    throw new InvalidOperationException(
                        $"The memory capture table in '{databasePath}' was written by a newer Chitin (version {version}; this Chitin knows {SchemaVersion}). Upgrade Chitin or use another database file.");
                }

                if (applicationId == 0)
                {
                    await ExecuteAsync(connection, transaction, $"PRAGMA application_id = {ChitinApplicationId.ToString(CultureInfo.InvariantCulture)};", cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMs.ToString(CultureInfo.InvariantCulture)};", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
