namespace Chitin.Core.Agents;

/// <summary>
/// Takes a run's checkpoints: before the turn's first message and after its last. A failing checkpoint is reported
/// and the run goes on (the turn then cannot be rewound); it never fails the run.
/// </summary>
internal sealed class TurnRecorder(ITurnCheckpoints checkpoints, ToolRegistry tools, Action<string> report)
{
    private TurnCheckpoint? _open;

    /// <summary>Highest sequence number in the transcript, rewound messages included.</summary>
    public long LastSequence { get; set; }

    public async Task BeginAsync(string sessionId, string workspace, CancellationToken ct)
    {
        // A turn whose tools can only read cannot change the workspace.
        if (!tools.Tools.Any(t => !t.Traits.HasFlag(ToolTraits.ReadOnly)))
        {
            return;
        }

        try
        {
            _open = await checkpoints.BeginTurnAsync(sessionId, workspace, LastSequence, ct).ConfigureAwait(false);
            foreach (var note in _open?.Notes ?? [])
            {
                report($"checkpoint: {note}");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A checkpoint that cannot be taken must not stop the user's turn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            report($"Could not take the turn's checkpoint; this turn cannot be rewound: {ex.Message}");
        }
    }

    public async Task EndAsync()
    {
        if (_open is not { } open)
        {
            return;
        }

        _open = null;
        try
        {
            await checkpoints.EndTurnAsync(open, LastSequence, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As above: the run's result stands.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            report($"Could not record the workspace after the turn: {ex.Message}");
        }
    }

    public static ErrorOccurred Event(string sessionId, DateTimeOffset at, string message) =>
        new() { SessionId = sessionId, At = at, Kind = "checkpoint", Message = message };
}
