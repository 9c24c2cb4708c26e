namespace Chitin.Agents.Orchestration;

/// <summary>What agents_spawn hands back at once: the child's id and its folder on the bus.</summary>
public sealed record SpawnResult(string Agent, string Folder, decimal? BudgetUsd);
