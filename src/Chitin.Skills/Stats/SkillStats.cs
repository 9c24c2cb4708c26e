namespace Chitin.Skills.Stats;

/// <summary>
/// The figures of one skill over a period. A run is a finished session that loaded the skill; it succeeded when
/// the session's status is done. The "without" figures are the finished sessions of the same period that did not load it.
/// </summary>
public sealed record SkillStats
{
    public required string Name { get; init; }

    public int TimesLoaded { get; init; }

    public int Runs { get; init; }

    public int SuccessfulRuns { get; init; }

    /// <summary>Null when no run has finished.</summary>
    public double? SuccessRate => Rate(SuccessfulRuns, Runs);

    public long TokensAdded { get; init; }

    public double AverageTokensPerLoad => TimesLoaded == 0 ? 0 : (double)TokensAdded / TimesLoaded;

    public int RunsWithout { get; init; }

    public double? SuccessRateWithout { get; init; }

    /// <summary>Runs that loaded it fail notably more often than runs without it, on enough runs to say so.</summary>
    public bool Flagged { get; init; }

    public string? FlagReason { get; init; }

    public DateTimeOffset LastLoadedAt { get; init; }

    /// <summary>Successful runs over runs; null when there were none.</summary>
    public static double? Rate(int succeeded, int runs) => runs == 0 ? null : (double)succeeded / runs;
}
