namespace Chitin.Cli.Configuration;

/// <summary>Checks the "checkpoints" section (see <see cref="CheckpointSettings"/>).</summary>
internal static class ConfigCheckpointsSchema
{
    public static string? Check(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        var key = node.Segments[1];
        if (Is(key, "enabled"))
        {
            return ConfigSchema.TryBoolean(node, out _) ? null : "must be true or false";
        }

        if (Is(key, "maxFileMb"))
        {
            return ConfigSchema.TryInteger(node, out var v) && v is >= 1 and <= 10_240 ? null : "must be a whole number of megabytes from 1 to 10240";
        }

        if (Is(key, "maxAgeDays"))
        {
            return ConfigSchema.TryInteger(node, out var v) && v is >= 0 and <= 36_500 ? null : "must be a whole number of days, 0 to keep checkpoints until their session is deleted";
        }

        if (Is(key, "maxSizeMb"))
        {
            return ConfigSchema.TryInteger(node, out var v) && v is >= 0 and <= int.MaxValue ? null : "must be a whole number of megabytes, 0 for no cap";
        }

        warnings.Add(ConfigSchema.Unknown(node, source, CheckpointSettings.Keys));
        return null;
    }

    private static bool Is(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);
}
