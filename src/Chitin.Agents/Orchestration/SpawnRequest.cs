namespace Chitin.Agents.Orchestration;

/// <summary>The arguments of agents_spawn.</summary>
public sealed record SpawnRequest(string Task)
{
    public string? Role { get; init; }

    /// <summary>Files the child is pointed at and may write besides its own folder, relative to the workspace.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>True for "fork": the child starts from a copy of the parent's conversation.</summary>
    public bool Fork { get; init; }

    public string? Model { get; init; }

    public decimal? BudgetUsd { get; init; }

    public int? TimeoutSeconds { get; init; }
}
