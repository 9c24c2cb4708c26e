namespace Chitin.Scheduling.Storage;

/// <summary>The heartbeat's model calls and tokens per UTC day, kept in the shared database so a restart does not reset the daily cap.</summary>
public sealed class HeartbeatUsageStore
{
    private readonly string _path;

    private HeartbeatUsageStore(string path) => _path = path;

    /// <exception cref="DatabaseException">The file cannot be used.</exception>
    public static HeartbeatUsageStore Open(string databasePath)
    {
        ChitinDatabase.Migrate(databasePath, SchedulingSchema.Component, "open its heartbeat tables");
        return new HeartbeatUsageStore(databasePath);
    }

    public (int Calls, long Tokens) Today(DateTimeOffset now)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT calls, tokens FROM heartbeat_usage WHERE day = $day";
        command.Parameters.AddWithValue("$day", Day(now));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetInt64(1)) : (0, 0);
    }

    /// <summary>Calls and tokens per UTC day (yyyy-MM-dd, ascending) from <paramref name="since"/>'s day on.</summary>
    public IReadOnlyList<(string Day, int Calls, long Tokens)> Since(DateTimeOffset since)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, calls, tokens FROM heartbeat_usage WHERE day >= $day ORDER BY day";
        command.Parameters.AddWithValue("$day", Day(since));
        return command.ReadAll(reader => (reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
    }

    public void Record(DateTimeOffset now, long tokens)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO heartbeat_usage (day, calls, tokens) VALUES ($day, 1, $tokens)
            ON CONFLICT (day) DO UPDATE SET calls = calls + 1, tokens = tokens + excluded.tokens
            """;
        command.Parameters.AddWithValue("$day", Day(now));
        command.Parameters.AddWithValue("$tokens", tokens);
        command.ExecuteNonQuery();
    }

    private static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
