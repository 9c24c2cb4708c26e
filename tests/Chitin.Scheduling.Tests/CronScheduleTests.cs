using Chitin.Scheduling.Cron;

namespace Chitin.Scheduling.Tests;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Friday = new(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    public void Every_accepts_seconds_minutes_and_hours(string text, int seconds)
    {
        var schedule = CronSchedule.ForEvery(text);

        Assert.Equal(Friday.AddSeconds(seconds), schedule.NextAfter(Friday, Friday));
        Assert.Equal(Friday.AddSeconds(2 * seconds), schedule.NextAfter(Friday.AddSeconds(seconds), Friday));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10d")]
    [InlineData("-5m")]
    [InlineData("0m")]
    [InlineData("ten minutes")]
    public void A_bad_duration_says_what_is_expected(string text)
    {
        var error = Assert.Throws<ScheduleException>(() => CronSchedule.ForEvery(text));

        Assert.Contains($"--every '{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("s, m or h", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 9 * *")]
    [InlineData("61 * * * *")]
    [InlineData("0 9 * * mon-xyz")]
    public void A_bad_expression_names_it_and_shows_the_form(string expression)
    {
        var error = Assert.Throws<ScheduleException>(() => CronSchedule.ForCron(expression, null));

        Assert.Contains($"--cron '{expression}' is not a valid cron expression", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 9 * * 1-5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_names_it_and_gives_an_example()
    {
        var error = Assert.Throws<ScheduleException>(() => CronSchedule.ForCron("0 9 * * *", "Europe/Atlantis"));

        Assert.Contains("unknown time zone 'Europe/Atlantis'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_in_the_past_or_unparsable_is_refused()
    {
        var past = Assert.Throws<ScheduleException>(() => CronSchedule.ForAt("2026-03-27T11:59:00Z", Friday));
        var garbage = Assert.Throws<ScheduleException>(() => CronSchedule.ForAt("tomorrow at nine", Friday));

        Assert.Contains("is in the past", past.Message, StringComparison.Ordinal);
        Assert.Contains("ISO 8601", garbage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_keeps_the_instant_whatever_offset_it_was_written_in()
    {
        var schedule = CronSchedule.ForAt("2026-03-28T10:00:00+01:00", Friday);

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 9, 0, 0, TimeSpan.Zero), schedule.NextAfter(Friday, Friday));
        Assert.Null(schedule.NextAfter(schedule.At, Friday));
    }

    [Fact]
    public void Weekday_mornings_in_Berlin_move_an_hour_in_UTC_when_summer_time_starts()
    {
        var schedule = CronSchedule.ForCron("0 9 * * 1-5", "Europe/Berlin");

        var friday = schedule.NextAfter(new DateTimeOffset(2026, 3, 27, 0, 0, 0, TimeSpan.Zero), Friday);
        var monday = schedule.NextAfter(friday!.Value, Friday);

        Assert.Equal(new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero), friday);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), monday);
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_runs_at_the_change_and_once()
    {
        var schedule = CronSchedule.ForCron("30 2 * * *", "Europe/Berlin");
        var times = new List<DateTimeOffset>();
        var after = Friday;
        for (var i = 0; i < 3; i++)
        {
            after = schedule.NextAfter(after, Friday)!.Value;
            times.Add(after);
        }

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 28, 1, 30, 0, TimeSpan.Zero), // 02:30 CET
                new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), // 02:30 does not exist: 03:00 CEST
                new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), // 02:30 CEST
            ],
            times);
    }
}
