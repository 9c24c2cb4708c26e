namespace Chitin.Core.Events;

public sealed record RunStarted : AgentEvent
{
    public required string Model { get; init; }

    public bool Resumed { get; init; }
}
