namespace Chitin.Scheduling.Heartbeat;

/// <summary>
/// The latest beats in memory (newest last), so a host can show what the heartbeat did and why it skipped without
/// reading its log. Bounded; thread-safe. Beats are not persisted: a restart starts an empty journal.
/// </summary>
public sealed class HeartbeatJournal
{
    public const int Capacity = 100;

    private readonly Queue<HeartbeatEvent> _beats = new();
    private readonly Lock _gate = new();

    public void Add(HeartbeatEvent beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        lock (_gate)
        {
            _beats.Enqueue(beat);
            while (_beats.Count > Capacity)
            {
                _beats.Dequeue();
            }
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<HeartbeatEvent> Latest()
    {
        lock (_gate)
        {
            return [.. _beats.Reverse()];
        }
    }
}
