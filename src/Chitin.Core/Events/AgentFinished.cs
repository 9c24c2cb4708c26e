namespace Chitin.Core.Events;

/// <summary>A child agent ended; the status is the runtime's (done, failed, timeout, killed, budget_exceeded), never the model's.</summary>
public sealed record AgentFinished : AgentTreeEvent
{
    public required AgentStatus Status { get; init; }

    public long Tokens { get; init; }

    public decimal CostUsd { get; init; }

    /// <summary>The child's full result on the bus, relative to the workspace.</summary>
    public required string ResultPath { get; init; }
}
