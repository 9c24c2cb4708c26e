namespace Chitin.Agents.Bus;

/// <summary>
/// What a parent learns of a finished child: the runtime's status (never the model's words), the result capped to a
/// few hundred words, where the full result, artifacts and transcript are, and what the child used.
/// </summary>
public sealed record CompletionEnvelope
{
    public required string Agent { get; init; }

    /// <summary>Done, Failed, Timeout, Killed or BudgetExceeded.</summary>
    public required AgentStatus Status { get; init; }

    public required string Result { get; init; }

    /// <summary>True when <see cref="Result"/> was cut to the envelope's cap; the whole text is at <see cref="ResultPath"/>.</summary>
    public bool Truncated { get; init; }

    public required string ResultPath { get; init; }

    public required string ArtifactsPath { get; init; }

    public required string TranscriptPath { get; init; }

    public long Tokens { get; init; }

    public decimal CostUsd { get; init; }

    public string? Error { get; init; }
}
