namespace Chitin.Skills.Stats;

/// <summary>What <c>chitin skills stats</c> shows: per-skill figures and the period's overall success rate.</summary>
public sealed record SkillStatsReport
{
    /// <summary>Start of the period; null for all time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Finished sessions in the period.</summary>
    public int Runs { get; init; }

    public double? SuccessRate { get; init; }

    /// <summary>Most loaded first.</summary>
    public IReadOnlyList<SkillStats> Skills { get; init; } = [];
}
