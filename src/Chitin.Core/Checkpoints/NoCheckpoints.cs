namespace Chitin.Core.Checkpoints;

/// <summary>Checkpoints switched off: turns are not recorded and cannot be rewound.</summary>
public sealed class NoCheckpoints : ITurnCheckpoints
{
    public static NoCheckpoints Instance { get; } = new();

    public Task<TurnCheckpoint?> BeginTurnAsync(string sessionId, string workspace, long lastSequence, CancellationToken cancellationToken) =>
        Task.FromResult<TurnCheckpoint?>(null);

    public Task EndTurnAsync(TurnCheckpoint checkpoint, long lastSequence, CancellationToken cancellationToken) => Task.CompletedTask;
}
