namespace Chitin.Agents.Bus;

/// <summary>One agent of a task tree as the runtime (or its ledger) knows it.</summary>
public sealed record AgentStatusRow
{
    public required string Agent { get; init; }

    public required string Parent { get; init; }

    public required AgentStatus Status { get; init; }

    public required string Task { get; init; }

    public string? Role { get; init; }

    public string? Session { get; init; }

    public long Tokens { get; init; }

    public decimal CostUsd { get; init; }

    public decimal? BudgetUsd { get; init; }

    public required string Folder { get; init; }

    public string? ResultPath { get; init; }
}
