namespace Chitin.Storage.Checkpoints;

internal static partial class CheckpointLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Checkpoints of {Workspace} walk the whole workspace each turn: {Reason}")]
    private static partial void JournalOffCore(ILogger logger, string workspace, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Checkpoint of {Workspace} walks the whole workspace once: {Reason}")]
    private static partial void JournalWalkCore(ILogger logger, string workspace, string reason);

    public static void JournalOff(ILogger? logger, string workspace, string reason)
    {
        if (logger is not null)
        {
            JournalOffCore(logger, workspace, reason);
        }
    }

    public static void JournalWalk(ILogger? logger, string workspace, string reason)
    {
        if (logger is not null)
        {
            JournalWalkCore(logger, workspace, reason);
        }
    }
}
