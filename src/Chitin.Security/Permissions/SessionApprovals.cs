namespace Chitin.Security.Permissions;

/// <summary>"Always for this session" answers: per session, tool and key (a command's first words, or the tool name).</summary>
internal sealed class SessionApprovals
{
    private readonly ConcurrentDictionary<(string Session, string Tool, string Key), byte> _approved = new();

    public bool AllRemembered(string session, string tool, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return false;
        }

        foreach (var key in keys)
        {
            if (!_approved.ContainsKey((session, tool, key)))
            {
                return false;
            }
        }

        return true;
    }

    public void Remember(string session, string tool, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            _approved[(session, tool, key)] = 0;
        }
    }

    public void Forget(string session)
    {
        foreach (var entry in _approved.Keys)
        {
            if (entry.Session == session)
            {
                _approved.TryRemove(entry, out _);
            }
        }
    }
}
