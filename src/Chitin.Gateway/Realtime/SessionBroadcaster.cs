namespace Chitin.Gateway.Realtime;

/// <summary>
/// Fans a session's frames out to every <c>/ws</c> connection subscribed to it, and remembers which conversation key
/// each running Chitin session belongs to (approval questions carry only the session id). Process-local: with
/// several silos, the grain's events would travel over an Orleans stream to the node that holds the connection.
/// </summary>
public sealed class SessionBroadcaster
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IFrameSink[]> _subscribers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public void Subscribe(string sessionKey, IFrameSink sink)
    {
        lock (_gate)
        {
            var current = _subscribers.GetValueOrDefault(sessionKey) ?? [];
            if (!current.Contains(sink))
            {
                _subscribers[sessionKey] = [.. current, sink];
            }
        }
    }

    public void Unsubscribe(string sessionKey, IFrameSink sink)
    {
        lock (_gate)
        {
            if (_subscribers.TryGetValue(sessionKey, out var current))
            {
                var rest = current.Where(s => s != sink).ToArray();
                if (rest.Length == 0)
                {
                    _subscribers.Remove(sessionKey);
                }
                else
                {
                    _subscribers[sessionKey] = rest;
                }
            }
        }
    }

    public bool HasSubscribers(string sessionKey)
    {
        lock (_gate)
        {
            return _subscribers.ContainsKey(sessionKey);
        }
    }

    /// <summary>Posts the frame to every subscriber; a full subscriber closes itself, the others are not held up.</summary>
    public void Publish(string sessionKey, byte[] body)
    {
        IFrameSink[]? sinks;
        lock (_gate)
        {
            sinks = _subscribers.GetValueOrDefault(sessionKey);
        }

        foreach (var sink in sinks ?? [])
        {
            sink.TryPost(body);
        }
    }

    /// <summary>The conversation key of a running Chitin session, set when its turn starts.</summary>
    public void Bind(string sessionId, string sessionKey)
    {
        lock (_gate)
        {
            _keys[sessionId] = sessionKey;
        }
    }

    /// <summary>Forgets a session's key when its turn is over (nothing can be asked in it until the next turn binds it again).</summary>
    public void Unbind(string sessionId)
    {
        lock (_gate)
        {
            _keys.Remove(sessionId);
        }
    }

    public string? KeyOf(string sessionId)
    {
        lock (_gate)
        {
            return _keys.GetValueOrDefault(sessionId);
        }
    }
}
