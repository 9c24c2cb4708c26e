namespace Chitin.Core.Agents;

/// <summary>Per-run bounds. A run that reaches one stops cleanly with <see cref="RunStatus.LimitReached"/>.</summary>
public sealed record AgentLimits
{
    public int MaxSteps { get; init; } = 50;

    /// <summary>Input + output tokens over the run; 0 = unlimited.</summary>
    public long MaxTokens { get; init; }

    public TimeSpan MaxWallClock { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Bound on one model call (connection to last byte).</summary>
    public TimeSpan ModelCallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a model call that failed part-way (dropped stream) is made again.</summary>
    public int MaxStreamRetries { get; init; } = 3;

    /// <summary>Most tool calls of one turn that run at once.</summary>
    public int MaxParallelTools { get; init; } = 8;

    /// <summary>When a run that repeats itself is nudged and then stopped with <see cref="RunStatus.LoopDetected"/>.</summary>
    public Guards.LoopGuardOptions LoopGuard { get; init; } = Guards.LoopGuardOptions.Default;
}
