namespace Chitin.Cli.Cron;

/// <summary><c>chitin cron run &lt;id&gt;</c>: runs a job now, in this process, and prints its answer.</summary>
internal static class CronRunCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var id = new Argument<string>("id") { Description = "Job id, as shown by chitin cron list." };
        var json = CommonOptions.Json("the run-log row (status, session_id, output, error)");
        var command = new Command(
            "run",
            "Run a job now in this process, as the gateway would (a fresh session, a run-log row, delivery when a channel here can deliver), and print its answer. " +
            "Non-interactive: tool calls that policy would ask about are refused. Exit codes: 0 done, 1 failed or not delivered, 2 usage or config error.")
        {
            id,
            json,
        };
        command.SetAction((parse, ct) => CronSession.RunAsync(runtime, ct, async (config, store, token) =>
        {
            var job = CronSession.Find(runtime, store, parse.GetValue(id)!);
            if (job is null)
            {
                return ExitCodes.UsageError;
            }

            var model = config.RequireModel();
            config.RequireProvider();
            using var safety = AgentSafety.Create(runtime.Context, config, new PermissionFlags(), runtime.Redactor, runtime.Warn);
            await using var host = await ChitinHost.StartAsync(config, HostOptions.From(runtime.Context, safety, model, warn: runtime.Warn, inform: runtime.Inform), token);
            using var stop = runtime.LinkInterrupts(token);
            var dispatcher = new HostConversationDispatcher(host, model, runtime.Context.WorkingDirectory);
            var run = await new CronJobRunner(store, dispatcher, messenger: null, runtime.Context.Time)
                .RunAsync(job, CronJobRunner.ManualTrigger, due: null, stop.Token);
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(runtime.Redactor.Redact(JsonSerializer.Serialize(run, CronJsonContext.Default.CronRun)));
            }
            else if (run.Output is { Length: > 0 } output)
            {
                runtime.Context.Out.WriteLine(runtime.Redactor.Redact(output));
            }

            if (run.Error is { } error)
            {
                runtime.Fail(ExitCodes.TaskFailed, $"{job.Id} run {run.Id} ({StoredNames.Name(run.Status)}): {error}");
            }
            else if (!parse.GetValue(json))
            {
                runtime.Error.Line(Markup.Escape($"{job.Id} run {run.Id}: {StoredNames.Name(run.Status)}, session {run.SessionId}"));
            }

            return run.Status == CronRunStatus.Done && run.Error is null ? ExitCodes.Ok : ExitCodes.TaskFailed;
        }));
        return command;
    }
}
