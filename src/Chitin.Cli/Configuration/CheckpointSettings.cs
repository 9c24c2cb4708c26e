namespace Chitin.Cli.Configuration;

/// <summary>The "checkpoints" config section: per-turn checkpoints of the workspace for rewind and /undo.</summary>
/// <param name="Enabled">Take a checkpoint before and after each turn that may write.</param>
/// <param name="MaxFileMb">Files larger than this are not kept (a rewind leaves them as they are).</param>
/// <param name="MaxAgeDays">Checkpoints older than this are deleted; 0 keeps them until their session is deleted.</param>
/// <param name="MaxSizeMb">When all checkpoints together store more than this, the oldest go first; 0 means no cap.</param>
public sealed record CheckpointSettings(bool Enabled, int MaxFileMb, int MaxAgeDays, int MaxSizeMb)
{
    public static CheckpointSettings Default { get; } = new(Enabled: true, MaxFileMb: 10, MaxAgeDays: 30, MaxSizeMb: 2048);

    internal static readonly string[] Keys = ["enabled", "maxFileMb", "maxAgeDays", "maxSizeMb"];
}
