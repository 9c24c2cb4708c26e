namespace Chitin.Agents.Roles;

/// <summary>
/// An expert a parent can spawn by name, from <c>.chitin/agents/&lt;name&gt;.md</c>: what it is for, which tools it
/// may use (all when the list is empty), its model and default budget slice, and the instructions in the body.
/// </summary>
public sealed record AgentRole(string Name, string Description, IReadOnlyList<string> Tools, string? Model, decimal? BudgetUsd, string Instructions);
