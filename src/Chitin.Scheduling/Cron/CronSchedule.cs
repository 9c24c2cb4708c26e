namespace Chitin.Scheduling.Cron;

/// <summary>
/// When a job is due: every N (s, m, h), a cron expression (five fields, or six with seconds) in an IANA time zone,
/// or once at an instant. <see cref="Expression"/> and <see cref="TimeZoneId"/> are what is stored.
/// </summary>
public sealed class CronSchedule
{
    private CronSchedule(ScheduleKind kind, string expression)
    {
        Kind = kind;
        Expression = expression;
    }

    public ScheduleKind Kind { get; }

    /// <summary>"10m", "0 9 * * 1-5" or the ISO instant.</summary>
    public string Expression { get; }

    /// <summary>The IANA id of a cron schedule's zone; null for UTC and for the other kinds.</summary>
    public string? TimeZoneId { get; private init; }

    public TimeSpan Every { get; private init; }

    /// <summary>The zone a cron expression is read in; UTC for the other kinds.</summary>
    public TimeZoneInfo Zone { get; private init; } = TimeZoneInfo.Utc;

    public DateTimeOffset At { get; private init; }

    private CronExpression? Cron { get; init; }

    public static CronSchedule ForEvery(string duration)
    {
        if (!DurationText.TryParse(duration, out var every))
        {
            throw new ScheduleException($"--every '{duration}' is not {DurationText.Expected}");
        }

        return new CronSchedule(ScheduleKind.Every, DurationText.Format(every)) { Every = every };
    }

    public static CronSchedule ForCron(string expression, string? timeZoneId)
    {
        var zone = TimeZoneInfo.Utc;
        if (timeZoneId is not null && !TimeZoneIds.TryFind(timeZoneId, out zone))
        {
            throw new ScheduleException("--tz: " + TimeZoneIds.UnknownMessage(timeZoneId));
        }

        var text = expression?.Trim() ?? "";
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            var cron = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return new CronSchedule(ScheduleKind.Cron, text) { TimeZoneId = timeZoneId?.Trim(), Cron = cron, Zone = zone };
        }
        catch (CronFormatException ex)
        {
            throw new ScheduleException(
                $"--cron '{expression}' is not a valid cron expression ({ex.Message.TrimEnd('.')}). Write five fields " +
                "\"minute hour day-of-month month day-of-week\", for example \"0 9 * * 1-5\" (09:00 on weekdays) or \"*/15 * * * *\".",
                ex);
        }
    }

    /// <summary>A one-off job; <paramref name="now"/> rejects instants already past.</summary>
    public static CronSchedule ForAt(string instant, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new ScheduleException($"--at '{instant}' is not an ISO 8601 time; write for example \"2026-12-24T18:00:00+01:00\" or \"2026-12-24T17:00:00Z\"");
        }

        if (at <= now)
        {
            throw new ScheduleException(
                $"--at {at.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ} is in the past (now is {now.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}); give a future time");
        }

        return FromStoredAt(at);
    }

    /// <summary>Rebuilds a stored schedule; stored values were checked when the job was added.</summary>
    public static CronSchedule FromStored(ScheduleKind kind, string expression, string? timeZoneId) => kind switch
    {
        ScheduleKind.Every => ForEvery(expression),
        ScheduleKind.Cron => ForCron(expression, timeZoneId),
        _ => FromStoredAt(DateTimeOffset.Parse(expression, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)),
    };

    /// <summary>The first due time strictly after <paramref name="after"/>; null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, DateTimeOffset anchor) => Kind switch
    {
        ScheduleKind.Every => NextEvery(after, anchor),
        ScheduleKind.Cron => Cron!.GetNextOccurrence(after, Zone),
        _ => At > after ? At : null,
    };

    /// <summary>"every 10m", "cron 0 9 * * 1-5 (Europe/Berlin)", "at 2026-12-24T17:00:00Z".</summary>
    public string Describe() => Kind switch
    {
        ScheduleKind.Every => "every " + Expression,
        ScheduleKind.Cron => $"cron {Expression} ({TimeZoneId ?? "UTC"})",
        _ => "at " + Expression,
    };

    private static CronSchedule FromStoredAt(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new CronSchedule(ScheduleKind.At, utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)) { At = utc };
    }

    /// <summary>Due at anchor + k·every; an interval needs no zone, so DST changes do not move it.</summary>
    private DateTimeOffset NextEvery(DateTimeOffset after, DateTimeOffset anchor)
    {
        if (after < anchor)
        {
            return anchor + Every;
        }

        var periods = (after - anchor).Ticks / Every.Ticks + 1;
        return anchor + TimeSpan.FromTicks(Every.Ticks * periods);
    }
}
