namespace Chitin.Core.Events;

/// <summary>A parent agent started a child (agents_spawn). <see cref="AgentEvent.SessionId"/> is the parent's session.</summary>
public sealed record AgentSpawned : AgentTreeEvent
{
    /// <summary>The spawning agent's id; "root" for the orchestrator.</summary>
    public required string ParentId { get; init; }

    public string? Role { get; init; }

    /// <summary>The child's folder on the bus, relative to the workspace.</summary>
    public required string Folder { get; init; }

    /// <summary>The slice of the parent's budget reserved for the child; null when the tree has no budget.</summary>
    public decimal? BudgetUsd { get; init; }
}
