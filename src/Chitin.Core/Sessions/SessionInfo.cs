namespace Chitin.Core.Sessions;

public sealed record SessionInfo
{
    public required string Id { get; init; }

    public string Title { get; init; } = "";

    public string Agent { get; init; } = "default";

    public string? Model { get; init; }

    public string Workspace { get; init; } = "";

    public SessionStatus Status { get; init; } = SessionStatus.Idle;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long MessageCount { get; init; }

    /// <summary>The system prompt frozen when the session started, so every call of the session shares its cached prefix.</summary>
    public string? SystemPrompt { get; init; }
}
