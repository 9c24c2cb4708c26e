namespace Chitin.Agents.Bus;

/// <summary>A task's tree read back from its ledger: every agent with its last known state.</summary>
public sealed record RunTree
{
    public required string TaskId { get; init; }

    public required string Folder { get; init; }

    /// <summary>Written as null when the ledger has no spawn yet.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? StartedAt { get; init; }

    public required IReadOnlyList<AgentStatusRow> Agents { get; init; }

    public long Tokens => Agents.Sum(a => a.Tokens);

    public decimal CostUsd => Agents.Sum(a => a.CostUsd);
}
