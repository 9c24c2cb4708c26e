namespace Chitin.Scheduling.Heartbeat;

/// <summary>
/// What one beat did, for a host to log or stream: <see cref="Type"/> is <c>heartbeat_skipped</c> (no model call)
/// or <c>heartbeat_ran</c> (one model call), <see cref="Reason"/> says why (see <see cref="HeartbeatReasons"/>).
/// </summary>
/// <param name="Tokens">Tokens the model call used; 0 when skipped.</param>
/// <param name="Reply">The model's answer when it ran.</param>
/// <param name="Error">Why the model call failed, when it did.</param>
public sealed record HeartbeatEvent(string Type, string Reason, DateTimeOffset At, int OpenTasks, int NewEvents, long Tokens = 0, string? Reply = null, string? Error = null)
{
    public const string Skipped = "heartbeat_skipped";

    public const string Ran = "heartbeat_ran";
}
