namespace Chitin.Skills.Tools;

/// <summary>
/// Per session: which skills were loaded (their <c>allowed-tools</c> pre-approve calls in that session only) and
/// which skills needing approval were approved for it. Thread-safe; one instance serves every session of a process.
/// </summary>
public sealed class SkillSessionState
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Records a load; loading the same skill again refreshes its snapshot and keeps its place.</summary>
    public void RecordLoad(string sessionId, SkillEntry skill)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(skill);
        var loaded = new LoadedSkill(skill.Name, skill.Directory, skill.ContentHash, skill.AllowedTools.ToArray());
        var session = _sessions.GetOrAdd(sessionId, static _ => new Session());
        lock (session)
        {
            var index = session.Loaded.FindIndex(l => l.Name == skill.Name);
            if (index >= 0)
            {
                session.Loaded[index] = loaded;
            }
            else
            {
                session.Loaded.Add(loaded);
            }
        }
    }

    /// <summary>Names of the skills the session loaded, in the order first loaded.</summary>
    public IReadOnlyList<string> LoadedSkillNames(string sessionId) => LoadedSkills(sessionId).Select(l => l.Name).ToArray();

    public IReadOnlyList<LoadedSkill> LoadedSkills(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return [];
        }

        lock (session)
        {
            return session.Loaded.ToArray();
        }
    }

    public bool IsLoaded(string sessionId, string name) => LoadedSkills(sessionId).Any(l => l.Name == name);

    /// <summary>The user approved loading a skill whose vetting warns, for its current content, in this session.</summary>
    public void ApproveWarnings(string sessionId, string name, string? contentHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var session = _sessions.GetOrAdd(sessionId, static _ => new Session());
        lock (session)
        {
            session.Approved.Add(Key(name, contentHash));
        }
    }

    public bool AreWarningsApproved(string sessionId, string name, string? contentHash)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return false;
        }

        lock (session)
        {
            return session.Approved.Contains(Key(name, contentHash));
        }
    }

    /// <summary>Drops everything about a finished session.</summary>
    public void Forget(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        _sessions.TryRemove(sessionId, out _);
    }

    private static string Key(string name, string? contentHash) => name + "\n" + (contentHash ?? "");

    private sealed class Session
    {
        public List<LoadedSkill> Loaded { get; } = [];

        public HashSet<string> Approved { get; } = new(StringComparer.Ordinal);
    }
}
