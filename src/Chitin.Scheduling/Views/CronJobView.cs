namespace Chitin.Scheduling.Views;

/// <summary>A job as <c>chitin cron add|list --json</c> and the gateway's /api/cron print it.</summary>
/// <param name="Kind">"every", "cron" or "at".</param>
/// <param name="LastRun">The latest row of its run log, if any.</param>
public sealed record CronJobView(
    string Id,
    string Kind,
    string Expression,
    string? TimeZone,
    string Task,
    string? Deliver,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextDue,
    bool Done,
    CronRun? LastRun)
{
    public static CronJobView From(CronJob job, CronRun? lastRun)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(
            job.Id,
            job.Schedule.Kind.ToString().ToLowerInvariant(),
            job.Schedule.Expression,
            job.Schedule.TimeZoneId,
            job.Task,
            job.Deliver,
            job.CreatedAt,
            job.NextDue,
            job.Done,
            lastRun);
    }

    /// <summary>Every job of <paramref name="store"/> with its latest run (what <c>chitin cron list</c> and the web UI show).</summary>
    public static IReadOnlyList<CronJobView> ListAll(CronJobStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var runs = store.Runs();
        return [.. store.List().Select(job => From(job, runs.LastOrDefault(r => string.Equals(r.JobId, job.Id, StringComparison.Ordinal))))];
    }
}
