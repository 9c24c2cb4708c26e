using Chitin.Scheduling.Cron;

namespace Chitin.Scheduling.Views;

/// <summary>A run-log row as <c>chitin cron list --json</c>, <c>cron run --json</c> and the gateway's /api/cron print it.</summary>
public sealed record CronRunView(
    long Id,
    string JobId,
    string Trigger,
    DateTimeOffset? DueAt,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    string Status,
    string? SessionId,
    string? Output,
    string? Error)
{
    public static CronRunView From(CronRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.JobId, run.Trigger, run.DueAt, run.Started, run.Finished, run.Status, run.SessionId, run.Output, run.Error);
    }
}
