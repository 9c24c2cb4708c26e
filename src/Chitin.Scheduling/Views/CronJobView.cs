using Chitin.Scheduling.Cron;

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
    CronRunView? LastRun)
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
            lastRun is null ? null : CronRunView.From(lastRun));
    }
}
