namespace Chitin.Gateway.Sessions;

/// <summary>One message for a session grain: the new user turn and where it came from.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TurnRequest
{
    [Id(0)]
    public required string RunId { get; init; }

    [Id(1)]
    public required string Text { get; init; }

    [Id(2)]
    public string Agent { get; init; } = "default";

    [Id(3)]
    public required string Source { get; init; }

    [Id(4)]
    public string? MessageId { get; init; }
}
