namespace Chitin.Scheduling.Cron;

/// <summary>One row of the run log; also what <c>chitin cron run --json</c>, <c>cron list --json</c> and the gateway's /api/cron print.</summary>
/// <param name="Trigger">"schedule" or "manual" (<c>chitin cron run</c>).</param>
/// <param name="Output">The answer's text, kept even when delivery failed.</param>
public sealed record CronRun(
    long Id,
    string JobId,
    string Trigger,
    DateTimeOffset? DueAt,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    CronRunStatus Status,
    string? SessionId,
    string? Output,
    string? Error);
