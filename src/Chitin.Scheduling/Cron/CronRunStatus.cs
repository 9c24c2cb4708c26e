namespace Chitin.Scheduling.Cron;

/// <summary>The statuses of the run log, stored and printed as "running", "done", "failed" and "skipped".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CronRunStatus>))]
public enum CronRunStatus
{
    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("done")]
    Done,

    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>A due time that came while the job's previous run was still going.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,
}
