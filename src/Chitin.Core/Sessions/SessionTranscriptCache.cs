namespace Chitin.Core.Sessions;

/// <summary>
/// One session's transcript kept in memory between runs by a long-lived owner, such as the gateway's session grain,
/// so a turn does not reload the whole session from the store. The owner must be the session's only writer while it
/// holds the cache and must not start two runs of the session at once; <see cref="Invalidate"/> forces the next run
/// to reload from the store. An owner that shares the store with other writers compares <see cref="Stamp"/> with the
/// store's before a run and invalidates when they differ.
/// </summary>
public sealed class SessionTranscriptCache
{
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;

    /// <summary>The session the cache holds, or null when the next run reloads from the store.</summary>
    public string? SessionId
    {
        get
        {
            lock (_gate)
            {
                return _snapshot?.SessionId;
            }
        }
    }

    /// <summary>Messages held (rewound ones left out).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _snapshot?.Messages.Length ?? 0;
            }
        }
    }

    /// <summary>The fingerprint of what the cache holds (see <see cref="TranscriptStamp"/>), or null when it holds nothing.</summary>
    public TranscriptStamp? Stamp
    {
        get
        {
            lock (_gate)
            {
                return _snapshot?.Stamp;
            }
        }
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _snapshot = null;
        }
    }

    internal bool TryGet(string sessionId, out string systemPrompt, out IReadOnlyList<SessionMessage> messages, out long lastSequence)
    {
        lock (_gate)
        {
            if (_snapshot is { } held && string.Equals(held.SessionId, sessionId, StringComparison.Ordinal))
            {
                (systemPrompt, messages, lastSequence) = (held.SystemPrompt, held.Messages, held.LastSequence);
                return true;
            }
        }

        (systemPrompt, messages, lastSequence) = ("", [], 0);
        return false;
    }

    internal void Store(string sessionId, string systemPrompt, IEnumerable<SessionMessage> messages, long lastSequence)
    {
        SessionMessage[] held = [.. messages];
        long sum = 0;
        foreach (var message in held)
        {
            sum += message.Sequence;
        }

        var snapshot = new Snapshot(sessionId, systemPrompt, held, lastSequence, new TranscriptStamp(held.Length, sum, lastSequence));
        lock (_gate)
        {
            _snapshot = snapshot;
        }
    }

    private sealed record Snapshot(string SessionId, string SystemPrompt, SessionMessage[] Messages, long LastSequence, TranscriptStamp Stamp);
}
