namespace Chitin.Gateway.Sessions;

/// <summary>
/// One agent event on its way out of a session grain, as the event's JSON (Core's source-generated contract), so the
/// grain interface stays the same when the silo and its caller run in different processes.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record TurnEvent
{
    /// <summary>The event's JSON; null for the first item, which only says the message is queued.</summary>
    [Id(0)]
    public string? Json { get; init; }

    public static TurnEvent Queued { get; } = new();
}
