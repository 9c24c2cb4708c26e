namespace Chitin.Core.Agents.Guards;

/// <summary>What the loop guard says after a step: go on, tell the model once, or stop.</summary>
public sealed record LoopVerdict
{
    public static LoopVerdict Continue { get; } = new();

    /// <summary>Text for the model (a one-time nudge); null when there is none.</summary>
    public string? Nudge { get; init; }

    /// <summary>Why the run stops; null when it goes on.</summary>
    public string? Stop { get; init; }
}
