namespace Chitin.Cli.Cron;

/// <summary><c>chitin cron list</c>.</summary>
internal static class CronReadCommands
{
    public static Command List(CommandRuntime runtime)
    {
        var json = CommonOptions.Json("the jobs with their next due time and last run");
        var command = new Command("list", "List scheduled tasks: schedule, next run (UTC), last run's status, task and delivery target.") { json };
        command.SetAction((parse, ct) => CronSession.RunAsync(runtime, ct, (_, store, _) =>
        {
            var views = CronJobView.ListAll(store).ToList();
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(views, CronJsonContext.Default.ListCronJobView));
                return Task.FromResult(ExitCodes.Ok);
            }

            if (views.Count == 0)
            {
                runtime.Output.Line("no cron jobs; add one with chitin cron add --every 1h --task \"...\"");
                return Task.FromResult(ExitCodes.Ok);
            }

            foreach (var view in views)
            {
                var schedule = view.Kind == "cron" ? $"cron \"{view.Expression}\" {view.TimeZone ?? "UTC"}" : $"{view.Kind} {view.Expression}";
                var next = view.NextDue is { } due ? due.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "done";
                var last = view.LastRun is { } run ? $"{StoredNames.Name(run.Status)} {run.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}" : "never run";
                var deliver = view.Deliver is null ? "" : $" -> {view.Deliver}";
                runtime.Output.Line(Markup.Escape($"{view.Id}  {schedule}  next {next}  last {last}{deliver}"));
                runtime.Output.Line(Markup.Escape($"    {view.Task}"));
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
