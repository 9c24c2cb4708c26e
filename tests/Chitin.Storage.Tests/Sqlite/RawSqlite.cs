using Microsoft.Data.Sqlite;

namespace Chitin.Storage.Tests.Sqlite;

/// <summary>Direct access to a database file, bypassing the store, the way another tool or process would.</summary>
internal static class RawSqlite
{
    public static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>One column of every row, as text.</summary>
    public static IReadOnlyList<string> Column(string path, string sql, int ordinal)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(ordinal));
        }

        return values;
    }

    public static long Count(string path, string sql) => Convert.ToInt64(Scalar(path, sql), System.Globalization.CultureInfo.InvariantCulture);
}
