namespace Chitin.Core.Steering;

/// <summary>The thread-safe <see cref="ISteeringInbox"/>: any thread posts, the run drains and closes.</summary>
public sealed class SteeringInbox : ISteeringInbox
{
    private readonly Lock _gate = new();
    private readonly List<string> _waiting = [];
    private bool _closed;

    /// <summary>Hands a message to the running turn; false once the inbox is closed (the turn is finishing or over).</summary>
    public bool TryPost(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _waiting.Add(message);
            return true;
        }
    }

    public IReadOnlyList<string> Drain()
    {
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                return [];
            }

            var drained = _waiting.ToArray();
            _waiting.Clear();
            return drained;
        }
    }

    public bool TryClose()
    {
        lock (_gate)
        {
            if (_waiting.Count > 0)
            {
                return false;
            }

            _closed = true;
            return true;
        }
    }

    /// <summary>Closes the inbox whatever is waiting (the run ended without an answer) and returns what was never drained.</summary>
    public IReadOnlyList<string> Close()
    {
        lock (_gate)
        {
            _closed = true;
            var left = _waiting.ToArray();
            _waiting.Clear();
            return left;
        }
    }
}
