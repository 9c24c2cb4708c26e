namespace Chitin.Scheduling.Heartbeat;

/// <summary>New events for the heartbeat, fed by the gateway. Reading is free; the heartbeat acknowledges what its model call saw.</summary>
public interface IHeartbeatEventSource
{
    /// <summary>Events not yet acknowledged, oldest first.</summary>
    IReadOnlyList<HeartbeatInput> Pending();

    /// <summary>Drops the events up to and including <paramref name="sequence"/>.</summary>
    void Acknowledge(long sequence);
}
