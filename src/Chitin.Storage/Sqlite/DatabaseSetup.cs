namespace Chitin.Storage.Sqlite;

/// <summary>Opens the session store's connection through the shared opener and adds its SQL functions.</summary>
internal static class DatabaseSetup
{
    /// <summary>Name of the SQL aggregate that sums decimal text exactly (SQLite's SUM would go through double).</summary>
    public const string DecimalSumFunction = "chitin_decimal_sum";

    public static SqliteConnection Open(string databasePath)
    {
        var connection = ChitinDatabase.Open(databasePath, SchemaMigrations.Component);
        connection.CreateAggregate<string, decimal, string>(
            DecimalSumFunction,
            0m,
            static (sum, value) => sum + ColumnValues.ReadDecimal(value),
            static sum => ColumnValues.Decimal(sum),
            isDeterministic: true);
        return connection;
    }

    public static void Close(SqliteConnection connection) => ChitinDatabase.Close(connection);
}
