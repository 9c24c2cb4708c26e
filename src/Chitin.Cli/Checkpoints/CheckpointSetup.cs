using Chitin.Cli.Configuration;
using Chitin.Core.Sessions;
using Chitin.Storage.Checkpoints;

namespace Chitin.Cli.Checkpoints;

/// <summary>The checkpoint store's options from the "checkpoints" config section and CHITIN_HOME.</summary>
public static class CheckpointSetup
{
    public static CheckpointOptions Options(ChitinConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Options(config.Paths, config.Checkpoints);
    }

    public static CheckpointOptions Options(ChitinPaths paths, CheckpointSettings settings)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(settings);
        return new CheckpointOptions
        {
            Root = Path.Combine(paths.Home, "checkpoints"),
            DatabasePath = paths.DatabaseFile,
            Enabled = settings.Enabled,
            MaxFileBytes = settings.MaxFileMb * 1024L * 1024,
            MaxAge = TimeSpan.FromDays(settings.MaxAgeDays),
            MaxTotalBytes = settings.MaxSizeMb * 1024L * 1024,
        };
    }

    /// <summary>For commands that open the session store without the whole host.</summary>
    public static WorkspaceCheckpoints Open(ChitinConfig config, ISessionStore sessions) => new(Options(config), sessions);
}
