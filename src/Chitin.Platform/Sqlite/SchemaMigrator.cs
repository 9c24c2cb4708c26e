namespace Chitin.Platform.Sqlite;

/// <summary>
/// Brings one component to its latest version inside one write transaction, so two processes opening a new file
/// at once cannot both migrate it and a failed migration leaves the previous version intact.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>"CHIT" in ASCII, stored in <c>PRAGMA application_id</c> so foreign databases are recognised.</summary>
    public const int ApplicationId = 0x43484954;

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS chitin_schema (
            component TEXT    NOT NULL PRIMARY KEY,
            version   INTEGER NOT NULL
        ) STRICT;
        """;

    public static void Apply(SqliteConnection connection, string databasePath, SchemaComponent component)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var applicationId = EnsureChitinDatabase(connection, transaction, databasePath);
        connection.Execute(VersionTable, transaction);
        var stored = StoredVersion(connection, transaction, component.Name);
        if (stored > component.LatestVersion)
        {
            throw DatabaseErrors.NewerSchema(databasePath, component.Name, stored, component.LatestVersion);
        }

        foreach (var migration in component.Migrations.Where(m => m.Version > stored))
        {
            connection.Execute(migration.Sql, transaction);
        }

        if (stored < component.LatestVersion)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO chitin_schema (component, version) VALUES ($component, $version) ON CONFLICT (component) DO UPDATE SET version = excluded.version;";
            command.Parameters.AddWithValue("$component", component.Name);
            command.Parameters.AddWithValue("$version", component.LatestVersion);
            command.ExecuteNonQuery();
        }

        if (applicationId == 0)
        {
            connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId};"), transaction);
        }

        transaction.Commit();
    }

    /// <summary>The version recorded for <paramref name="component"/>, 0 when it has never been created.</summary>
    public static int StoredVersion(SqliteConnection connection, SqliteTransaction? transaction, string component)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM chitin_schema WHERE component = $component;";
        command.Parameters.AddWithValue("$component", component);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Refuses a database of another application; returns its application id (0 for a new file).</summary>
    public static int EnsureChitinDatabase(SqliteConnection connection, SqliteTransaction? transaction, string databasePath)
    {
        var applicationId = connection.ScalarInt("PRAGMA application_id;", transaction);
        var foreign = applicationId != 0 && applicationId != ApplicationId;
        if (applicationId == 0)
        {
            // A brand-new file has no objects; an unmarked file with tables belongs to someone else.
            foreign = connection.ScalarInt("SELECT count(*) FROM sqlite_schema;", transaction) > 0;
        }

        return foreign ? throw DatabaseErrors.ForeignFile(databasePath) : applicationId;
    }
}
