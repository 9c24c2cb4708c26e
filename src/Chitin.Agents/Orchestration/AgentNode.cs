namespace Chitin.Agents.Orchestration;

/// <summary>One child agent of a tree while the process lives: its brief, its state and how to stop it.</summary>
public sealed class AgentNode
{
    private readonly TaskCompletionSource<CompletionEnvelope> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal AgentNode(TaskTree tree, string id, string parentId, int depth, SpawnRequest spawn, AgentRole? role, decimal? sliceUsd)
    {
        Tree = tree;
        Id = id;
        ParentId = parentId;
        Depth = depth;
        Spawn = spawn;
        Role = role;
        SliceUsd = sliceUsd;
    }

    public TaskTree Tree { get; }

    public string Id { get; }

    /// <summary>Unique in the process: the task id and the agent id. Runs, tool calls and budget slices are keyed by it.</summary>
    public string Key => Tree.KeyOf(Id);

    /// <summary>The parent's agent id, or "root" for the orchestrator.</summary>
    public string ParentId { get; }

    /// <summary>1 for the orchestrator's children.</summary>
    public int Depth { get; }

    public SpawnRequest Spawn { get; }

    public AgentRole? Role { get; }

    /// <summary>The budget reserved from the parent when the child was spawned; null without a tree budget.</summary>
    public decimal? SliceUsd { get; }

    public SteeringInbox Inbox { get; } = new();

    internal CancellationTokenSource Kill { get; } = new();

    /// <summary>The runtime's task running the child; done once its envelope is written.</summary>
    internal Task? Running { get; set; }

    private volatile AgentStatus _status = AgentStatus.Queued;

    /// <summary>queued, running, or the final status once it ended.</summary>
    public AgentStatus Status
    {
        get => _status;
        internal set => _status = value;
    }

    public string? SessionId { get; internal set; }

    /// <summary>The parent has seen this child's envelope (agents_wait for all skips it afterwards).</summary>
    internal bool Delivered { get; set; }

    internal BudgetAccount? Account { get; set; }

    public bool KillRequested { get; private set; }

    public Task<CompletionEnvelope> Finished => _finished.Task;

    public bool IsFinal => _finished.Task.IsCompleted;

    internal void RequestKill()
    {
        KillRequested = true;
        Kill.Cancel();
    }

    internal void Complete(CompletionEnvelope envelope)
    {
        Status = envelope.Status;
        _finished.TrySetResult(envelope);
    }
}
