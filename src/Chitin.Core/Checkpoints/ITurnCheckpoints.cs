namespace Chitin.Core.Checkpoints;

/// <summary>
/// Records the workspace before and after each turn (one user prompt and everything the agent did for it) so the
/// turn can be rewound. The loop calls it; the implementation lives outside Core.
/// </summary>
public interface ITurnCheckpoints
{
    /// <summary>
    /// Records the workspace before a turn. <paramref name="lastSequence"/> is the transcript's last sequence number
    /// before the turn's first message. Returns null when checkpoints are off.
    /// </summary>
    Task<TurnCheckpoint?> BeginTurnAsync(string sessionId, string workspace, long lastSequence, CancellationToken cancellationToken);

    /// <summary>Records the workspace after the turn and the last sequence number the turn wrote.</summary>
    Task EndTurnAsync(TurnCheckpoint checkpoint, long lastSequence, CancellationToken cancellationToken);
}
