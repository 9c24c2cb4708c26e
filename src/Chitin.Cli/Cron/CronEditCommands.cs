namespace Chitin.Cli.Cron;

/// <summary><c>chitin cron add|remove</c>.</summary>
internal static class CronEditCommands
{
    public static Command Add(CommandRuntime runtime)
    {
        var every = new Option<string?>("--every") { Description = "Run every N seconds, minutes or hours: 90s, 10m, 2h (counted from now).", HelpName = "duration" };
        var cron = new Option<string?>("--cron") { Description = "Run on a cron expression: \"minute hour day-of-month month day-of-week\", e.g. \"0 9 * * 1-5\".", HelpName = "expression" };
        var tz = new Option<string?>("--tz") { Description = "IANA time zone the --cron expression is read in (default UTC), e.g. Europe/Berlin.", HelpName = "zone" };
        var at = new Option<string?>("--at") { Description = "Run once at this ISO 8601 time, e.g. 2026-12-24T17:00:00Z or 2026-12-24T18:00:00+01:00.", HelpName = "time" };
        var task = new Option<string>("--task") { Description = "What the agent should do on each run, in plain words.", Required = true, HelpName = "text" };
        var deliver = new Option<string?>("--deliver") { Description = "Send each run's answer to this target, e.g. telegram:<chat id> (needs 'chitin gateway' with that channel).", HelpName = "target" };
        var json = CommonOptions.Json("the added job");
        var command = new Command("add", "Add a scheduled task: exactly one of --every, --cron (with optional --tz) or --at, and --task.") { every, cron, tz, at, task, deliver, json };
        command.SetAction((parse, ct) => CronSession.RunAsync(runtime, ct, (_, store, _) =>
        {
            var given = new[] { parse.GetValue(every), parse.GetValue(cron), parse.GetValue(at) }.Count(v => v is not null);
            if (given != 1)
            {
                return Task.FromResult(runtime.Fail(ExitCodes.UsageError, "give exactly one of --every <duration>, --cron \"<expression>\" or --at <ISO time>"));
            }

            if (parse.GetValue(tz) is not null && parse.GetValue(cron) is null)
            {
                return Task.FromResult(runtime.Fail(ExitCodes.UsageError, "--tz applies to --cron only (--every counts real time; --at takes an offset such as +01:00 or Z)"));
            }

            var text = parse.GetValue(task) ?? "";
            if (string.IsNullOrWhiteSpace(text))
            {
                return Task.FromResult(runtime.Fail(ExitCodes.UsageError, "--task is empty; say what the agent should do, e.g. --task \"summarise today's failed builds\""));
            }

            var target = parse.GetValue(deliver);
            if (target is not null && !IsTarget(target))
            {
                return Task.FromResult(runtime.Fail(ExitCodes.UsageError, $"--deliver '{target}' is not a delivery target; write channel:address, e.g. telegram:123456789"));
            }

            var now = runtime.Context.Time.GetUtcNow();
            var schedule = parse.GetValue(every) is { } duration ? CronSchedule.ForEvery(duration)
                : parse.GetValue(cron) is { } expression ? CronSchedule.ForCron(expression, parse.GetValue(tz))
                : CronSchedule.ForAt(parse.GetValue(at)!, now);
            var job = store.Add(schedule, text.Trim(), target?.Trim(), now);
            return Task.FromResult(runtime.Print(
                parse.GetValue(json),
                CronJobView.From(job, null),
                CronJsonContext.Default.CronJobView,
                $"added {job.Id}: {schedule.Describe()}, next run {job.NextDue:yyyy-MM-dd HH:mm:ss}Z"));
        }));
        return command;
    }

    public static Command Remove(CommandRuntime runtime)
    {
        var id = new Argument<string>("id") { Description = "Job id, as shown by chitin cron list." };
        var json = CommonOptions.Json("the removed job");
        var command = new Command("remove", "Remove a scheduled task and its run log.") { id, json };
        command.SetAction((parse, ct) => CronSession.RunAsync(runtime, ct, (_, store, _) =>
        {
            var job = CronSession.Find(runtime, store, parse.GetValue(id)!);
            if (job is null || !store.Remove(job.Id))
            {
                return Task.FromResult(ExitCodes.UsageError);
            }

            return Task.FromResult(runtime.Print(parse.GetValue(json), CronJobView.From(job, null), CronJsonContext.Default.CronJobView, $"removed {job.Id}"));
        }));
        return command;
    }

    private static bool IsTarget(string target)
    {
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < target.Trim().Length - 1 && !target.Any(char.IsWhiteSpace);
    }
}
