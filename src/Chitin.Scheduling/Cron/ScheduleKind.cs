namespace Chitin.Scheduling.Cron;

/// <summary>How a job's due times are given.</summary>
public enum ScheduleKind
{
    /// <summary>A fixed interval ("10m"), counted from when the job was added.</summary>
    Every,

    /// <summary>A cron expression in a time zone.</summary>
    Cron,

    /// <summary>Once, at one instant; the job is done afterwards.</summary>
    At,
}
