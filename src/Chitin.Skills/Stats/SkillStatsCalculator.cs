namespace Chitin.Skills.Stats;

/// <summary>
/// Joins the skill usage log with session outcomes. Sessions still running have no outcome and count nowhere;
/// a session is in the period when it was active (updated) at or after its start.
/// </summary>
public sealed class SkillStatsCalculator
{
    private readonly SkillUsageLog _log;
    private readonly ISessionStore _sessions;
    private readonly SkillStatsOptions _options;

    public SkillStatsCalculator(SkillUsageLog log, ISessionStore sessions, SkillStatsOptions? options = null)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _options = options ?? new SkillStatsOptions();
    }

    public async Task<SkillStatsReport> ComputeAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var loads = await _log.ReadAsync(since, cancellationToken).ConfigureAwait(false);
        var sessions = await _sessions.ListSessionsAsync(_options.MaxSessions, cancellationToken).ConfigureAwait(false);
        var outcomes = sessions
            .Where(s => since is null || s.UpdatedAt >= since)
            .ToDictionary(s => s.Id, s => s.Status, StringComparer.Ordinal);
        foreach (var missing in loads.Select(l => l.SessionId).Distinct(StringComparer.Ordinal).Where(id => !outcomes.ContainsKey(id)).ToList())
        {
            // Older than the listing limit: look it up; a deleted session has no outcome.
            if (await _sessions.GetSessionAsync(missing, cancellationToken).ConfigureAwait(false) is { } session)
            {
                outcomes[missing] = session.Status;
            }
        }

        var finished = outcomes.Where(o => o.Value != SessionStatus.Running).ToDictionary(o => o.Key, o => o.Value == SessionStatus.Done, StringComparer.Ordinal);
        var totalSucceeded = finished.Count(f => f.Value);
        var skills = loads
            .GroupBy(l => l.SkillName, StringComparer.Ordinal)
            .Select(g => StatsOf(g.Key, g.ToList(), finished, totalSucceeded))
            .OrderByDescending(s => s.TimesLoaded)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        return new SkillStatsReport { Since = since, Runs = finished.Count, SuccessRate = SkillStats.Rate(totalSucceeded, finished.Count), Skills = skills };
    }

    private SkillStats StatsOf(string name, List<SkillLoadRecord> loads, Dictionary<string, bool> finished, int totalSucceeded)
    {
        var runs = loads.Select(l => l.SessionId).Distinct(StringComparer.Ordinal).Where(finished.ContainsKey).ToList();
        var succeeded = runs.Count(id => finished[id]);
        var runsWithout = finished.Count - runs.Count;
        var succeededWithout = totalSucceeded - succeeded;
        var rate = SkillStats.Rate(succeeded, runs.Count);
        var rateWithout = SkillStats.Rate(succeededWithout, runsWithout);
        var tokens = loads.Sum(l => (long)l.Tokens);
        var flagged = runs.Count >= _options.MinRunsToFlag
            && runsWithout >= _options.MinRunsToFlag
            && (rateWithout!.Value - rate!.Value) >= _options.MinFailureRateGap;
        return new SkillStats
        {
            Name = name,
            TimesLoaded = loads.Count,
            Runs = runs.Count,
            SuccessfulRuns = succeeded,
            TokensAdded = tokens,
            RunsWithout = runsWithout,
            SuccessRateWithout = rateWithout,
            Flagged = flagged,
            FlagReason = flagged
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"Runs that loaded it succeeded {rate * 100:0}% of the time ({succeeded}/{runs.Count}) against {rateWithout * 100:0}% without it ({succeededWithout}/{runsWithout}). Review or disable it.")
                : null,
            LastLoadedAt = loads.Max(l => l.At),
        };
    }
}
