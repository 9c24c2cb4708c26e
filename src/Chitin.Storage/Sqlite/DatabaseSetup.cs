using Chitin.Core.Safety;
using Microsoft.Data.Sqlite;

namespace Chitin.Storage.Sqlite;

/// <summary>Opens one connection to the database file, configures it once and migrates the schema.</summary>
internal static class DatabaseSetup
{
    /// <summary>Name of the SQL aggregate that sums decimal text exactly (SQLite's SUM would go through double).</summary>
    public const string DecimalSumFunction = "chitin_decimal_sum";

    /// <summary>How long a statement waits for another process's write lock before failing with SQLITE_BUSY.</summary>
    private const int BusyTimeoutMs = 10_000;

    public static SqliteConnection Open(string databasePath)
    {
        CreateFolder(databasePath);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // The store keeps its single connection for its lifetime; without pooling, disposing it releases the file.
            Pooling = false,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            EnsureWritable(connection, databasePath);

            // Per-connection settings, paid once here and never per call.
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs};");
            Execute(connection, "PRAGMA foreign_keys = ON;");

            // Checked and migrated before switching to WAL: the switch rewrites the file header, and another
            // application's database must be left untouched.
            SchemaMigrations.Apply(connection, databasePath);
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, "PRAGMA synchronous = NORMAL;");
            connection.CreateAggregate<string, decimal, string>(
                DecimalSumFunction,
                0m,
                static (sum, value) => sum + ColumnValues.ReadDecimal(value),
                static sum => ColumnValues.Decimal(sum),
                isDeterministic: true);
            return connection;
        }
        catch (SqliteException ex)
        {
            Close(connection);
            throw StorageErrors.From(ex, databasePath, "open it");
        }
        catch
        {
            Close(connection);
            throw;
        }
    }

    public static void Close(SqliteConnection connection)
    {
        SqliteConnection.ClearPool(connection);
        connection.Dispose();
    }

    private static void CreateFolder(string databasePath)
    {
        try
        {
            OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(
                StorageErrorKind.CannotOpen,
                databasePath,
                $"Cannot create the folder for the Chitin database '{databasePath}': {ex.Message} Check the path and its permissions, or choose another location.",
                ex);
        }

        // Sessions and transcripts are private: SQLite gives -wal and -shm the mode of this file.
        OwnerOnly.TryCreateFile(databasePath);
    }

    /// <summary>SQLite silently falls back to read-only when the file is not writable; fail early with a clear message instead.</summary>
    private static void EnsureWritable(SqliteConnection connection, string databasePath)
    {
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            throw new StorageException(
                StorageErrorKind.ReadOnly,
                databasePath,
                $"The Chitin database '{databasePath}' is read-only. " +
                "Make the file and its folder writable (for example chmod u+w), or point Chitin at another database file.");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
