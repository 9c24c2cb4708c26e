namespace Chitin.Core.Events;

public sealed record TextDelta : AgentEvent
{
    public int Step { get; init; }

    public required string Text { get; init; }
}
