namespace Chitin.Cli.Commands;

/// <summary><c>chitin cron ...</c>: scheduled tasks that 'chitin gateway' runs.</summary>
public static class CronCommand
{
    private const string Description =
        """
        Scheduled tasks. Jobs are kept in chitin.db; a running 'chitin gateway' picks up a new or removed job at
        once. Each run is a fresh session, written to the run log (job, started, finished, status, session, error);
        a job never overlaps itself (a due time while its last run is still going is logged as skipped). Durations
        take s, m or h; cron expressions have five fields (minute hour day-of-month month day-of-week), in UTC unless
        --tz names an IANA time zone. An --at job runs once.

        Examples:
          chitin cron add --every 10m --task "check the build and report failures"
          chitin cron add --cron "0 9 * * 1-5" --tz Europe/Berlin --task "summarise my inbox" --deliver telegram:123456
          chitin cron add --at 2026-12-24T17:00:00Z --task "remind me to call home"
          chitin cron list --json
          chitin cron run cron-1a2b3c4d
          chitin cron remove cron-1a2b3c4d
        """;

    public static Command Create(CommandRuntime runtime) =>
        new("cron", Description)
        {
            CronEditCommands.Add(runtime),
            CronReadCommands.List(runtime),
            CronEditCommands.Remove(runtime),
            CronRunCommand.Create(runtime),
        };
}
