namespace Chitin.Scheduling.Cron;

/// <summary>A schedule a user gave cannot be used; the message says what is wrong and what to write instead.</summary>
public sealed class ScheduleException : Exception
{
    public ScheduleException()
    {
    }

    public ScheduleException(string message)
        : base(message)
    {
    }

    public ScheduleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
