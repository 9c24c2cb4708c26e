namespace Chitin.Scheduling.Heartbeat;

/// <summary>
/// What one beat did, for a host to log or stream: <see cref="Type"/> is <c>heartbeat_skipped</c> (no model call)
/// or <c>heartbeat_ran</c> (one model call), <see cref="Reason"/> says why.
/// </summary>
/// <param name="Tokens">Tokens the model call used; 0 when skipped.</param>
/// <param name="Reply">The model's answer when it ran.</param>
/// <param name="Error">Why the model call failed, when it did.</param>
/// <param name="Detail">The figures behind <see cref="HeartbeatReason.CircuitOpen"/> and <see cref="HeartbeatReason.DailyCapReached"/>.</param>
public sealed record HeartbeatEvent(string Type, HeartbeatReason Reason, DateTimeOffset At, int OpenTasks, int NewEvents, long Tokens = 0, string? Reply = null, string? Error = null, string? Detail = null)
{
    public const string Skipped = "heartbeat_skipped";

    public const string Ran = "heartbeat_ran";

    /// <summary>The reason as the log shows it: "no_work", or "daily_cap_reached: 3 of 3 calls, ...".</summary>
    public string ReasonText => Detail is null ? StoredNames.Name(Reason) : $"{StoredNames.Name(Reason)}: {Detail}";
}
