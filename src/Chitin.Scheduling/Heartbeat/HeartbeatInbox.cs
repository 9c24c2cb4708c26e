namespace Chitin.Scheduling.Heartbeat;

/// <summary>An in-memory <see cref="IHeartbeatEventSource"/> the gateway posts to; holds at most <see cref="Capacity"/> events (the oldest go first).</summary>
public sealed class HeartbeatInbox : IHeartbeatEventSource
{
    public const int Capacity = 200;

    private readonly Lock _gate = new();
    private readonly Queue<HeartbeatInput> _events = new();
    private readonly TimeProvider _time;
    private long _sequence;

    public HeartbeatInbox(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public HeartbeatInput Post(string source, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            var input = new HeartbeatInput(++_sequence, source, text, _time.GetUtcNow());
            _events.Enqueue(input);
            while (_events.Count > Capacity)
            {
                _events.Dequeue();
            }

            return input;
        }
    }

    public IReadOnlyList<HeartbeatInput> Pending()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    public void Acknowledge(long sequence)
    {
        lock (_gate)
        {
            while (_events.Count > 0 && _events.Peek().Sequence <= sequence)
            {
                _events.Dequeue();
            }
        }
    }
}
