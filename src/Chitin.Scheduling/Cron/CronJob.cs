namespace Chitin.Scheduling.Cron;

/// <summary>A stored job: what to ask the agent, when, and where the answer goes.</summary>
/// <param name="LastDue">The latest due time that was handled (run or skipped); null before the first.</param>
/// <param name="Done">An <c>--at</c> job that has run.</param>
public sealed record CronJob(string Id, CronSchedule Schedule, string Task, string? Deliver, DateTimeOffset CreatedAt, DateTimeOffset? LastDue, bool Done)
{
    /// <summary>The next time the job is due; null when it never is again.</summary>
    public DateTimeOffset? NextDue => Done ? null : Schedule.NextAfter(LastDue ?? CreatedAt, CreatedAt);

    /// <summary>The latest due time at or before <paramref name="now"/>, starting from <paramref name="due"/>: missed due times collapse into one run.</summary>
    public DateTimeOffset LatestDue(DateTimeOffset due, DateTimeOffset now)
    {
        var latest = due;
        for (var i = 0; i < 1_000_000 && Schedule.NextAfter(latest, CreatedAt) is { } next && next <= now; i++)
        {
            latest = next;
        }

        return latest;
    }
}
