namespace Chitin.Core.Events;

/// <summary>
/// Something that happened to one agent of a task tree. The two ids come first on the wire, right after the type,
/// as they did when each event declared them.
/// </summary>
public abstract record AgentTreeEvent : AgentEvent
{
    [JsonPropertyOrder(-1)]
    public required string TaskId { get; init; }

    [JsonPropertyOrder(-1)]
    public required string AgentId { get; init; }
}
