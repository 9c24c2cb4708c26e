namespace Chitin.Scheduling.Heartbeat;

/// <summary>Something that happened since the last beat, which the heartbeat should look at (a webhook call, a finished job).</summary>
/// <param name="Sequence">Increasing number the source gives; the heartbeat acknowledges up to it.</param>
public sealed record HeartbeatInput(long Sequence, string Source, string Text, DateTimeOffset At);
