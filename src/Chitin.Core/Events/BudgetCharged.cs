namespace Chitin.Core.Events;

/// <summary>
/// A budget movement in an agent tree: a slice reserved for a child ("reserve"), a child's unused slice returned to
/// its parent ("release"), or a model call booked against an agent's slice ("charge").
/// </summary>
public sealed record BudgetCharged : AgentTreeEvent
{
    public required string Kind { get; init; }

    public decimal Usd { get; init; }

    public long Tokens { get; init; }

    /// <summary>What the agent may still spend after this movement; null when it has no cap.</summary>
    public decimal? RemainingUsd { get; init; }
}
