namespace Chitin.Scheduling.Cron;

/// <summary>The statuses of the run log, as stored and printed.</summary>
public static class CronRunStatus
{
    public const string Running = "running";

    public const string Done = "done";

    public const string Failed = "failed";

    /// <summary>A due time that came while the job's previous run was still going.</summary>
    public const string Skipped = "skipped";
}
