namespace Chitin.Core.Events;

/// <summary>The context was compacted before a model call; nothing was deleted from the transcript.</summary>
public sealed record ContextCompacted : AgentEvent
{
    public int Step { get; init; }

    public int TokensBefore { get; init; }

    public int TokensAfter { get; init; }

    /// <summary>True when the model summarised older turns; false when only old tool results were pruned.</summary>
    public bool Summarized { get; init; }

    /// <summary>Why summarising failed, when it did (the loop then pruned or dropped old turns instead).</summary>
    public string? Error { get; init; }
}
