namespace Chitin.Core.Events;

/// <summary>
/// The model call failed part-way (dropped stream, transient error) and is being made again. Text deltas of
/// the failed attempt are discarded: they never reach the transcript.
/// </summary>
public sealed record ResponseRetrying : AgentEvent
{
    public int Step { get; init; }

    public int Attempt { get; init; }

    public required string Reason { get; init; }

    public double DelayMs { get; init; }
}
