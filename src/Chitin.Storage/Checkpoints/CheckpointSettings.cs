namespace Chitin.Storage.Checkpoints;

/// <summary>The "checkpoints" config section: per-turn checkpoints of the workspace for rewind and /undo.</summary>
/// <param name="Enabled">Take a checkpoint before and after each turn that may write.</param>
/// <param name="MaxFileMb">Files larger than this are not kept (a rewind leaves them as they are).</param>
/// <param name="MaxAgeDays">Checkpoints older than this are deleted; 0 keeps them until their session is deleted.</param>
/// <param name="MaxSizeMb">When all checkpoints together store more than this, the oldest go first; 0 means no cap.</param>
public sealed record CheckpointSettings(bool Enabled, int MaxFileMb, int MaxAgeDays, int MaxSizeMb) : IFeatureOptions<CheckpointSettings>
{
    public static CheckpointSettings Default { get; } = new(Enabled: true, MaxFileMb: 10, MaxAgeDays: 30, MaxSizeMb: 2048);

    public static string Section => "checkpoints";

    public static IReadOnlyList<string> Keys { get; } = ["enabled", "maxFileMb", "maxAgeDays", "maxSizeMb"];

    public static string? Check(string key, OptionValue value) => key switch
    {
        "enabled" => value.TryBoolean(out _) ? null : "must be true or false",
        "maxFileMb" => value.TryInteger(out var v) && v is >= 1 and <= 10_240 ? null : "must be a whole number of megabytes from 1 to 10240",
        "maxAgeDays" => value.TryInteger(out var v) && v is >= 0 and <= 36_500 ? null : "must be a whole number of days, 0 to keep checkpoints until their session is deleted",
        "maxSizeMb" => value.TryInteger(out var v) && v is >= 0 and <= int.MaxValue ? null : "must be a whole number of megabytes, 0 for no cap",
        _ => null,
    };

    public static CheckpointSettings Bind(OptionReader read)
    {
        var d = Default;
        return new(read.Boolean("enabled", d.Enabled), read.Int32("maxFileMb", d.MaxFileMb), read.Int32("maxAgeDays", d.MaxAgeDays), read.Int32("maxSizeMb", d.MaxSizeMb));
    }

    /// <summary>The store's options: objects under <paramref name="home"/>/checkpoints, rows in <paramref name="databasePath"/>.</summary>
    public CheckpointOptions ToOptions(string home, string databasePath) => new()
    {
        Root = Path.Combine(home, "checkpoints"),
        DatabasePath = databasePath,
        Enabled = Enabled,
        MaxFileBytes = MaxFileMb * 1024L * 1024,
        MaxAge = TimeSpan.FromDays(MaxAgeDays),
        MaxTotalBytes = MaxSizeMb * 1024L * 1024,
    };
}
