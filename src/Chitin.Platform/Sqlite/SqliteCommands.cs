using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Chitin.Platform.Sqlite;

/// <summary>One-line statements on a connection, for schema work and pragmas.</summary>
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
}
