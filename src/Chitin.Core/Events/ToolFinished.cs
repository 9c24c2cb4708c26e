namespace Chitin.Core.Events;

public sealed record ToolFinished : AgentEvent
{
    public int Step { get; init; }

    public required string CallId { get; init; }

    public required string ToolName { get; init; }

    public bool IsError { get; init; }

    /// <summary>Whether the call was refused before it ran (permission, unknown tool, invalid arguments).</summary>
    public bool Refused { get; init; }

    /// <summary>The first few hundred characters of what the model sees.</summary>
    public required string Preview { get; init; }

    public double DurationMs { get; init; }
}
