namespace Chitin.Skills.Stats;

/// <summary>When <see cref="SkillStatsCalculator"/> flags a skill.</summary>
public sealed record SkillStatsOptions
{
    /// <summary>Finished runs needed both with and without the skill before it can be flagged, so one failure never flags.</summary>
    public int MinRunsToFlag { get; init; } = 5;

    /// <summary>How much higher (absolute, 0..1) the failure rate with the skill must be than without it.</summary>
    public double MinFailureRateGap { get; init; } = 0.2;

    /// <summary>Most recent sessions considered for outcomes and the baseline.</summary>
    public int MaxSessions { get; init; } = 100_000;
}
