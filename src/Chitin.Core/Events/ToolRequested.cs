namespace Chitin.Core.Events;

public sealed record ToolRequested : AgentEvent
{
    public int Step { get; init; }

    public required string CallId { get; init; }

    public required string ToolName { get; init; }

    public required string ArgumentsJson { get; init; }
}
