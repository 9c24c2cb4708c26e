namespace Chitin.Core.Events;

public sealed record ErrorOccurred : AgentEvent
{
    /// <summary>provider, tool, limit, internal.</summary>
    public required string Kind { get; init; }

    public required string Message { get; init; }
}
