namespace Chitin.Core.Agents;

/// <summary>The session status a finished run leaves behind.</summary>
internal static class RunStatusMapping
{
    public static SessionStatus ToSessionStatus(RunStatus status) => status switch
    {
        RunStatus.Done => SessionStatus.Done,
        RunStatus.Cancelled => SessionStatus.Cancelled,
        RunStatus.LimitReached or RunStatus.BudgetExceeded or RunStatus.LoopDetected => SessionStatus.Idle,
        _ => SessionStatus.Failed,
    };

    /// <summary>Saves the status of a finished run's session; a failure is reported, never thrown.</summary>
    public static async Task SaveAsync(ISessionStore sessions, string sessionId, RunStatus status, Action<string> report)
    {
        if (sessionId.Length == 0)
        {
            return;
        }

        try
        {
            await sessions.UpdateSessionAsync(sessionId, ToSessionStatus(status), null, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The status is advisory; failing to save it must not hide the run's result.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            report($"Could not save the session status: {ex.Message}");
        }
    }
}
