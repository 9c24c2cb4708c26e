namespace Chitin.Core.Events;

public sealed record RunCompleted : AgentEvent
{
    public required AgentRunResult Result { get; init; }
}
