namespace Chitin.Agents.Orchestration;

/// <summary>One orchestrator's task: its folders on the bus, its ledger and its children (at every depth).</summary>
public sealed class TaskTree
{
    private int _lastNumber;

    internal TaskTree(RunFolders folders, string rootSessionId)
    {
        Folders = folders;
        RootSessionId = rootSessionId;
        Ledger = new RunLedger(folders.LedgerPath);
    }

    public string TaskId => Folders.TaskId;

    public RunFolders Folders { get; }

    public RunLedger Ledger { get; }

    /// <summary>The orchestrator's session; its budget account is keyed by it.</summary>
    public string RootSessionId { get; }

    public ConcurrentDictionary<string, AgentNode> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>The process-wide key of an agent of this tree; the orchestrator's is its session id.</summary>
    public string KeyOf(string agentId) => agentId == "root" ? RootSessionId : TaskId + "/" + agentId;

    internal string NextId() => "a" + Interlocked.Increment(ref _lastNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal void SeenId(string id)
    {
        if (id.Length > 1 && int.TryParse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            int current;
            while ((current = Volatile.Read(ref _lastNumber)) < n && Interlocked.CompareExchange(ref _lastNumber, n, current) != current)
            {
            }
        }
    }

    public IEnumerable<AgentNode> ChildrenOf(string parentId) => Nodes.Values.Where(n => n.ParentId == parentId).OrderBy(n => n.Id.Length).ThenBy(n => n.Id, StringComparer.Ordinal);

    /// <summary><paramref name="id"/>'s children, their children, and so on.</summary>
    public IEnumerable<AgentNode> DescendantsOf(string id)
    {
        foreach (var child in ChildrenOf(id))
        {
            yield return child;
            foreach (var below in DescendantsOf(child.Id))
            {
                yield return below;
            }
        }
    }
}
