namespace Chitin.Testing.Server;

/// <summary>Numbers incoming requests and keeps their records in arrival order. Thread-safe.</summary>
internal sealed class RequestRecorder(int capacity)
{
    private readonly List<RecordedRequest> _records = [];
    private readonly Lock _gate = new();
    private int _lastIndex = -1;

    public int NextIndex() => Interlocked.Increment(ref _lastIndex);

    public void Add(RecordedRequest record)
    {
        lock (_gate)
        {
            // Requests finish out of order; keep the list sorted by arrival number.
            var position = _records.Count;
            while (position > 0 && _records[position - 1].Index > record.Index)
            {
                position--;
            }

            _records.Insert(position, record);
            if (_records.Count > capacity)
            {
                // Drop a tenth at once so a long benchmark does not shift the list on every request.
                _records.RemoveRange(0, Math.Max(1, capacity / 10));
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _records.ToArray();
        }
    }
}
