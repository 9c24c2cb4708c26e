namespace Chitin.Core.Events;

/// <summary>One model call's usage and the run's running totals, for live counters.</summary>
public sealed record UsageReported : AgentEvent
{
    public required UsageRecord Usage { get; init; }

    public required RunTotals Totals { get; init; }
}
