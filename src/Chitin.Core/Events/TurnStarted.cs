namespace Chitin.Core.Events;

/// <summary>A model call begins; <see cref="Step"/> counts from 1 within the run.</summary>
public sealed record TurnStarted : AgentEvent
{
    public int Step { get; init; }
}
