namespace Chitin.Platform.Sqlite;

/// <summary>One-line statements on a connection, for schema work and pragmas, and reading every row of a query.</summary>
public static class SqliteCommands
{
    public static void Execute(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The first column of the first row as an integer; 0 when there is none.</summary>
    public static int ScalarInt(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null) =>
        connection.Scalar(sql, transaction) is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : 0;

    /// <summary>Runs <paramref name="command"/> and maps each row with <paramref name="read"/>, in the order SQLite returns them.</summary>
    public static List<T> ReadAll<T>(this SqliteCommand command, Func<SqliteDataReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(read);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
