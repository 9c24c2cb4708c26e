namespace Chitin.Core.Hooks;

/// <summary>What a stop hook is told: the run's result and the session's whole transcript as the loop holds it.</summary>
public sealed record RunStopped
{
    public required AgentRunResult Result { get; init; }

    /// <summary>Every stored message of the session, earlier turns included, in order.</summary>
    public required IReadOnlyList<SessionMessage> Transcript { get; init; }

    public required string Model { get; init; }

    public string Agent { get; init; } = "default";

    public string Workspace { get; init; } = "";

    public string SessionId => Result.SessionId;

    public RunStatus Status => Result.Status;
}
