namespace Chitin.Storage.Checkpoints;

/// <summary>
/// One checkpoint row: the workspace before (and after) a turn or a rewind, and the transcript messages the turn
/// wrote (sequence numbers after <see cref="FromSequence"/> through <see cref="ThroughSequence"/>).
/// </summary>
public sealed record CheckpointRecord
{
    public long Id { get; init; }

    public required string SessionId { get; init; }

    public required string Workspace { get; init; }

    public CheckpointKind Kind { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string BeforeManifest { get; init; }

    /// <summary>Null while the turn runs, or when the process died during it.</summary>
    public string? AfterManifest { get; init; }

    public long FromSequence { get; init; }

    public long? ThroughSequence { get; init; }

    /// <summary>The rewind that undid this checkpoint; null while it is part of the session's history.</summary>
    public long? RewoundBy { get; init; }

    /// <summary>For a rewind: what it changed, to undo it.</summary>
    public RewindChanges Changes { get; init; } = RewindChanges.None;

    public long StoredBytes { get; init; }

    public bool IsActive => RewoundBy is null;
}
