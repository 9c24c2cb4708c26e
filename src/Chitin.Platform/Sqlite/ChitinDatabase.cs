namespace Chitin.Platform.Sqlite;

/// <summary>
/// The one way to open the shared Chitin database file: same pragmas for every component (busy timeout, foreign
/// keys, WAL, synchronous NORMAL), the foreign-file check, and the component's migrations.
/// </summary>
public static class ChitinDatabase
{
    /// <summary>How long a statement waits for another process's write lock before failing with SQLITE_BUSY.</summary>
    public const int BusyTimeoutMs = 10_000;

    /// <summary>Opens a long-lived connection and migrates <paramref name="component"/> to its latest version.</summary>
    /// <param name="action">Completes "could not …" in error messages, for example "open its memory tables".</param>
    /// <exception cref="DatabaseException">The file cannot be used; the message says why and what to do.</exception>
    public static SqliteConnection Open(string databasePath, SchemaComponent component, string action = "open it")
    {
        ArgumentNullException.ThrowIfNull(component);

        // Checked and migrated before switching to WAL: the switch rewrites the file header, and another
        // application's database must be left untouched.
        return Prepare(Connect(databasePath, action), databasePath, action, opened =>
        {
            SchemaMigrator.Apply(opened, databasePath, component);
            opened.Execute("PRAGMA journal_mode = WAL;");
        });
    }

    /// <summary>
    /// Creates or migrates <paramref name="component"/>'s tables and closes the connection again: the start-up step of
    /// components that then open one connection per call with <see cref="Connect"/>.
    /// </summary>
    /// <exception cref="DatabaseException">The file cannot be used; the message says why and what to do.</exception>
    public static void Migrate(string databasePath, SchemaComponent component, string action = "open it") =>
        Close(Open(databasePath, component, action));

    /// <summary>
    /// Opens a connection with the shared per-connection settings and no migration, for components that open one
    /// connection per call after <see cref="Open"/> has prepared their tables.
    /// </summary>
    public static SqliteConnection Connect(string databasePath, string action = "open it")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        CreateFolder(databasePath);

        // Without pooling, disposing the connection releases the file.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        return Prepare(connection, databasePath, action, opened =>
        {
            opened.Open();

            // SQLite silently falls back to read-only when the file is not writable; fail early and clearly instead.
            if (SQLitePCL.raw.sqlite3_db_readonly(opened.Handle, "main") == 1)
            {
                throw DatabaseErrors.ReadOnlyFile(databasePath);
            }

            opened.Execute($"PRAGMA busy_timeout = {BusyTimeoutMs};");
            opened.Execute("PRAGMA foreign_keys = ON;");

            // Per connection, not stored in the file: without it every write of a per-call store is a full disk sync.
            // With WAL (set when the component was opened) NORMAL loses no committed data when the process dies.
            opened.Execute("PRAGMA synchronous = NORMAL;");
        });
    }

    /// <summary>
    /// Runs <paramref name="setup"/> on <paramref name="connection"/> and returns it; on any failure closes it first,
    /// and a SQLite error becomes a <see cref="DatabaseException"/> that names the file and what to do.
    /// </summary>
    private static SqliteConnection Prepare(SqliteConnection connection, string databasePath, string action, Action<SqliteConnection> setup)
    {
        try
        {
            setup(connection);
            return connection;
        }
        catch (SqliteException ex)
        {
            Close(connection);
            throw DatabaseErrors.From(ex, databasePath, action);
        }
        catch
        {
            Close(connection);
            throw;
        }
    }

    public static void Close(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SqliteConnection.ClearPool(connection);
        connection.Dispose();
    }

    private static void CreateFolder(string databasePath)
    {
        try
        {
            // Sessions, transcripts and memory are private: owner-only folder and file (-wal and -shm take the file's mode).
            OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
            OwnerOnly.TryCreateFile(databasePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseException(
                DatabaseErrorKind.CannotOpen,
                databasePath,
                $"Cannot create the folder for the Chitin database '{databasePath}': {ex.Message} Check the path and its permissions, or choose another location.",
                ex);
        }
    }
}
