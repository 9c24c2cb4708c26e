namespace Chitin.Storage.Checkpoints;

/// <summary>The rewind would overwrite files someone else changed since the checkpoint; nothing was changed.</summary>
public sealed class RewindConflictException : CheckpointException
{
    public RewindConflictException()
    {
    }

    public RewindConflictException(string message)
        : base(message)
    {
    }

    public RewindConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RewindConflictException(IReadOnlyList<string> paths)
        : base($"Rewind stopped: {(paths ?? []).Count} file(s) changed since the checkpoint by someone other than the agent: {string.Join(", ", paths ?? [])}. " +
            "Nothing was changed. Keep a copy of your edits and rewind again with --force to overwrite them.")
    {
        Paths = paths ?? [];
    }

    public IReadOnlyList<string> Paths { get; } = [];
}
