namespace Chitin.Testing.Faults;

/// <summary>Faults waiting to be applied, first in first out, one per incoming chat request. Thread-safe.</summary>
public sealed class FaultQueue
{
    private readonly ConcurrentQueue<Fault> _faults = new();

    /// <summary>How many faults are still waiting.</summary>
    public int Count => _faults.Count;

    /// <summary>Applies <paramref name="fault"/> to a later chat request, after the faults already waiting.</summary>
    public void Enqueue(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _faults.Enqueue(fault);
    }

    /// <summary>Drops every waiting fault.</summary>
    public void Clear() => _faults.Clear();

    internal Fault? TryTake() => _faults.TryDequeue(out var fault) ? fault : null;
}
